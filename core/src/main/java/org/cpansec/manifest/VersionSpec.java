package org.cpansec.manifest;

import java.util.Objects;
import org.cpansec.version.InvalidRangeException;
import org.cpansec.version.InvalidVersionException;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;

/**
 * What a manifest says about a dependency's version: an exact, installed or locked version; a
 * declared requirement range; or unknown, with the text as written and why it could not be read.
 */
public sealed interface VersionSpec {

  /** The text as it stood in the manifest ({@code 0} when the manifest gave none). */
  String written();

  /** A pinned version (snapshot, installed tree, SBOM). */
  record Exact(PerlVersion version) implements VersionSpec {
    public Exact {
      Objects.requireNonNull(version, "version");
    }

    @Override
    public String written() {
      return version.toString();
    }
  }

  /** A declared requirement in CPAN::Meta syntax (cpanfile, META). */
  record Requirement(VersionRange range) implements VersionSpec {
    public Requirement {
      Objects.requireNonNull(range, "range");
    }

    @Override
    public String written() {
      return range.source();
    }
  }

  /** A version that could not be determined, never to be read as "not affected". */
  record Unknown(String written, String reason) implements VersionSpec {
    public Unknown {
      Objects.requireNonNull(written, "written");
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("an unknown version needs a reason");
      }
    }
  }

  static VersionSpec exact(PerlVersion version) {
    return new Exact(version);
  }

  static VersionSpec unknown(String written, String reason) {
    return new Unknown(written, reason);
  }

  /**
   * Reads a CPAN::Meta requirement ({@code >= 1.2, < 2}; bare = at least; {@code 0} = any); text
   * that is not one becomes {@link Unknown} with the parser's reason.
   */
  static VersionSpec requirement(String text) {
    try {
      return new Requirement(VersionRange.parseRequirement(text));
    } catch (InvalidRangeException e) {
      return new Unknown(text, "not a CPAN::Meta version requirement: " + e.getMessage());
    }
  }

  /** Reads an exact version; text version.pm rejects becomes {@link Unknown} with its reason. */
  static VersionSpec exactOf(String text) {
    try {
      return new Exact(PerlVersion.parse(text));
    } catch (InvalidVersionException e) {
      return new Unknown(text, "not a Perl version: " + e.getMessage());
    }
  }
}
