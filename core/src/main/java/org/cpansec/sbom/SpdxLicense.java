package org.cpansec.sbom;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPAN::Meta licence names (spec 2 and the 1.x names) as SPDX licence expressions. A name that says
 * only what kind of licence it is ({@code open_source}, {@code restricted}, {@code unrestricted})
 * becomes a {@code LicenseRef-}; {@code unknown} and names outside the spec have no expression,
 * which the writers show as unknown (SPDX {@code NOASSERTION}).
 */
public final class SpdxLicense {

  private static final Map<String, String> SPEC =
      Map.ofEntries(
          Map.entry("agpl_3", "AGPL-3.0-only"),
          Map.entry("apache_1_1", "Apache-1.1"),
          Map.entry("apache_2_0", "Apache-2.0"),
          Map.entry("artistic_1", "Artistic-1.0"),
          Map.entry("artistic_2", "Artistic-2.0"),
          Map.entry("bsd", "BSD-3-Clause"),
          Map.entry("freebsd", "BSD-2-Clause-FreeBSD"),
          Map.entry("gfdl_1_2", "GFDL-1.2-only"),
          Map.entry("gfdl_1_3", "GFDL-1.3-only"),
          Map.entry("gpl_1", "GPL-1.0-only"),
          Map.entry("gpl_2", "GPL-2.0-only"),
          Map.entry("gpl_3", "GPL-3.0-only"),
          Map.entry("lgpl_2_1", "LGPL-2.1-only"),
          Map.entry("lgpl_3_0", "LGPL-3.0-only"),
          Map.entry("mit", "MIT"),
          Map.entry("mozilla_1_0", "MPL-1.0"),
          Map.entry("mozilla_1_1", "MPL-1.1"),
          Map.entry("openssl", "OpenSSL"),
          Map.entry("perl_5", "Artistic-1.0-Perl OR GPL-1.0-or-later"),
          Map.entry("qpl_1_0", "QPL-1.0"),
          Map.entry("ssleay", "SSLeay-standalone"),
          Map.entry("sun", "SISSL"),
          Map.entry("zlib", "Zlib"),
          // Categories, not licences: a LicenseRef keeps what the author said without inventing
          // one.
          Map.entry("open_source", "LicenseRef-CPAN-open-source"),
          Map.entry("restricted", "LicenseRef-CPAN-restricted"),
          Map.entry("unrestricted", "LicenseRef-CPAN-unrestricted"),
          // CPAN::Meta 1.x names, read the way CPAN::Meta::Converter reads them.
          Map.entry("perl", "Artistic-1.0-Perl OR GPL-1.0-or-later"),
          Map.entry("gpl", "GPL-1.0-or-later"),
          Map.entry("lgpl", "LGPL-2.0-or-later"),
          Map.entry("apache", "Apache-2.0"),
          Map.entry("artistic", "Artistic-1.0"),
          Map.entry("mozilla", "MPL-1.0"));

  private SpdxLicense() {}

  /** The SPDX expression for one CPAN::Meta name; empty for {@code unknown} or a foreign name. */
  public static Optional<String> of(String cpanMetaName) {
    return Optional.ofNullable(SPEC.get(cpanMetaName));
  }

  /**
   * The expression for a META {@code license} list: the distribution may be used under any of them
   * (CPAN::Meta::Spec: a list means dual licensing), so they are joined with OR. Empty when any
   * name is unknown, since then the whole choice is unknown.
   */
  public static Optional<String> ofAll(List<String> cpanMetaNames) {
    if (cpanMetaNames.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (String name : cpanMetaNames) {
      Optional<String> one = of(name);
      if (one.isEmpty()) {
        return Optional.empty();
      }
      if (out.length() > 0) {
        out.append(" OR ");
      }
      boolean compound = one.get().contains(" ") && cpanMetaNames.size() > 1;
      out.append(compound ? "(" + one.get() + ")" : one.get());
    }
    return Optional.of(out.toString());
  }

  /** Every CPAN::Meta name this class knows, for tests that check each against the SPDX list. */
  public static java.util.Set<String> knownNames() {
    return SPEC.keySet();
  }
}
