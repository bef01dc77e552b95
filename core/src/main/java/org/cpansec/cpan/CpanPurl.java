package org.cpansec.cpan;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code pkg:cpan} package URL as the purl specification defines it: with a namespace, the
 * namespace is the PAUSE id of the author and the name a distribution ({@code
 * pkg:cpan/OALDERS/libwww-perl@6.72}); without one, the name is a module ({@code
 * pkg:cpan/LWP::UserAgent@6.72}).
 */
public record CpanPurl(
    Optional<PauseId> author,
    Optional<DistName> distribution,
    Optional<ModuleName> module,
    Optional<String> version) {

  public CpanPurl {
    Objects.requireNonNull(author);
    Objects.requireNonNull(distribution);
    Objects.requireNonNull(module);
    Objects.requireNonNull(version);
    if (distribution.isPresent() == module.isPresent()) {
      throw new IllegalArgumentException("a cpan purl names a distribution or a module");
    }
  }

  /** True when {@code purl} has the {@code pkg:cpan} type (case-insensitive, as the spec says). */
  public static boolean isCpan(String purl) {
    return purl != null && purl.toLowerCase(Locale.ROOT).startsWith("pkg:cpan/");
  }

  /** Parses a purl of type cpan; throws IllegalArgumentException naming the broken rule. */
  public static CpanPurl parse(String purl) {
    if (!isCpan(purl)) {
      throw new IllegalArgumentException("not a pkg:cpan purl: '" + purl + "'");
    }
    String rest = purl.substring("pkg:cpan/".length());
    rest = cut(rest, '#');
    rest = cut(rest, '?');
    Optional<String> version = Optional.empty();
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      version = Optional.of(decode(rest.substring(at + 1)));
      rest = rest.substring(0, at);
    }
    rest = stripSlashes(rest);
    int slash = rest.lastIndexOf('/');
    String name = decode(slash < 0 ? rest : rest.substring(slash + 1));
    if (name.isEmpty()) {
      throw new IllegalArgumentException("purl '" + purl + "' has no name");
    }
    if (slash < 0) {
      if (name.contains("-")) {
        throw new IllegalArgumentException(
            "purl '" + purl + "': a module name (no namespace) must not contain '-'");
      }
      return new CpanPurl(
          Optional.empty(), Optional.empty(), Optional.of(ModuleName.of(name)), version);
    }
    PauseId author = PauseId.of(decode(rest.substring(0, slash)));
    return new CpanPurl(
        Optional.of(author), Optional.of(DistName.of(name)), Optional.empty(), version);
  }

  private static String cut(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s : s.substring(0, i);
  }

  private static String stripSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  private static String decode(String s) {
    // purl percent-encodes; '+' is a literal plus, unlike in form encoding.
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    String base =
        distribution
            .map(d -> "pkg:cpan/" + author.map(a -> a + "/").orElse("") + d)
            .orElseGet(() -> "pkg:cpan/" + module.orElseThrow());
    return base + version.map(v -> "@" + v).orElse("");
  }
}
