package org.cpansec.server.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code pkg:cpan/...} package URL: {@code pkg:cpan/AUTHOR/Dist-Name@1.2} names a distribution,
 * {@code pkg:cpan/Module::Name@1.2} (no author) a module, per the purl-spec CPAN type. Qualifiers
 * and subpath are read past and ignored.
 */
public record CpanPurl(Optional<String> author, String name, Optional<String> version) {

  /** Parses the URL, or throws {@link ApiException} {@code invalid-purl} naming the broken rule. */
  public static CpanPurl parse(String purl) {
    String s = purl.strip();
    if (!s.regionMatches(true, 0, "pkg:", 0, 4)) {
      throw invalid(purl, "it must start with pkg:");
    }
    s = s.substring(4);
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    int hash = s.indexOf('#');
    s = hash < 0 ? s : s.substring(0, hash);
    int query = s.indexOf('?');
    s = query < 0 ? s : s.substring(0, query);
    int slash = s.indexOf('/');
    if (slash < 0 || !s.substring(0, slash).toLowerCase(Locale.ROOT).equals("cpan")) {
      throw invalid(purl, "only the cpan type is served here");
    }
    String rest = s.substring(slash + 1);
    Optional<String> version = Optional.empty();
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      version = Optional.of(decode(purl, rest.substring(at + 1)));
      rest = rest.substring(0, at);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length > 2 || parts[parts.length - 1].isEmpty()) {
      throw invalid(purl, "expected pkg:cpan/AUTHOR/Dist-Name@version or pkg:cpan/Module@version");
    }
    Optional<String> author =
        parts.length == 2 ? Optional.of(decode(purl, parts[0])) : Optional.empty();
    if (version.isPresent() && version.get().isEmpty()) {
      throw invalid(purl, "the version after @ is empty");
    }
    return new CpanPurl(author, decode(purl, parts[parts.length - 1]), version);
  }

  /** Whether the name is a module name (no author, or it contains {@code ::}). */
  public boolean namesModule() {
    return name.contains("::");
  }

  private static String decode(String purl, String part) {
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(purl, "bad percent-encoding in '" + part + "'");
    }
  }

  private static ApiException invalid(String purl, String why) {
    return new ApiException(ApiProblem.INVALID_PURL, "'" + purl + "': " + why);
  }
}
