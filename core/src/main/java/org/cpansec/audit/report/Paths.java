package org.cpansec.audit.report;

import java.nio.file.Path;

/** Writes manifest paths relative to the directory the user audited from, with '/' separators. */
final class Paths {
  private Paths() {}

  static String show(Path file, Path base) {
    Path shown = file;
    if (base != null && file.isAbsolute() == base.isAbsolute() && file.startsWith(base)) {
      shown = base.relativize(file);
    }
    return shown.toString().replace('\\', '/');
  }
}
