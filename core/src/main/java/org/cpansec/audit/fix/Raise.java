package org.cpansec.audit.fix;

import java.util.Objects;
import org.cpansec.version.PerlVersion;

/**
 * One requirement to raise: the statement at {@code line} that names {@code name} (a module or
 * distribution) must admit {@code minimum} and nothing below it.
 */
public record Raise(int line, String name, PerlVersion minimum, String minimumText) {
  public Raise {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(minimumText, "minimumText");
  }
}
