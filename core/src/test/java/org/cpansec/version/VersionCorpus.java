package org.cpansec.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The strings the differential test asks version.pm about: exhaustive short strings, generated
 * version-like strings, overflow cases, the perl5 and CPAN test tables, and every version string of
 * the CPAN advisory database (21,743 real releases). Deterministic: a fixed seed.
 */
final class VersionCorpus {

  private static final String SHORT_ALPHABET = "019._v a";
  private static final String[] JUNK = {
    ";", " ", "a", "_", ".", "-TRIAL", "{", "}", " 3", "\t", ",5", ";x", "e5", "+", "..", "_1"
  };

  private VersionCorpus() {}

  static List<String> strings() {
    Set<String> out = new LinkedHashSet<>();
    exhaustive(out, "", 4);
    generated(out, new Random(20261124L), 8000);
    overflow(out);
    out.addAll(tableValues());
    out.addAll(advisoryDatabaseVersions());
    out.add("undef");
    out.add(" undef");
    out.add("undef ");
    out.add("undefined");
    return new ArrayList<>(out);
  }

  /** Pairs of valid versions: random ones, and near-equal ones that differ in spelling. */
  static List<String[]> pairs(List<String> valid, int random) {
    Random rnd = new Random(42L);
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < random; i++) {
      pairs.add(new String[] {pick(valid, rnd), pick(valid, rnd)});
    }
    for (String v : valid) {
      if (rnd.nextInt(4) != 0) {
        continue;
      }
      for (String twin : twins(v)) {
        pairs.add(new String[] {v, twin});
      }
    }
    return pairs;
  }

  private static List<String> twins(String v) {
    List<String> t = new ArrayList<>();
    t.add(v + "0");
    t.add(v + ".0");
    t.add(v + "_0");
    t.add(v + "1");
    t.add("v" + v);
    t.add(v.replace("_", ""));
    t.add(v.startsWith("v") ? v.substring(1) : "0" + v);
    int dot = v.indexOf('.');
    if (dot > 0) {
      t.add(v.substring(0, dot) + ".0" + v.substring(dot + 1));
      t.add(v.substring(0, dot + 1));
    }
    return t;
  }

  private static String pick(List<String> list, Random rnd) {
    return list.get(rnd.nextInt(list.size()));
  }

  private static void exhaustive(Set<String> out, String prefix, int depth) {
    out.add(prefix);
    if (depth == 0) {
      return;
    }
    for (int i = 0; i < SHORT_ALPHABET.length(); i++) {
      exhaustive(out, prefix + SHORT_ALPHABET.charAt(i), depth - 1);
    }
  }

  private static void generated(Set<String> out, Random rnd, int count) {
    while (count-- > 0) {
      StringBuilder sb = new StringBuilder();
      if (rnd.nextInt(10) == 0) {
        sb.append(rnd.nextBoolean() ? " " : "\t");
      }
      boolean dotted = rnd.nextInt(3) == 0;
      if (dotted && rnd.nextBoolean()) {
        sb.append('v');
      }
      sb.append(digits(rnd, rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(4)));
      int parts = dotted ? 1 + rnd.nextInt(4) : rnd.nextInt(5) == 0 ? 0 : 1;
      for (int p = 0; p < parts; p++) {
        sb.append('.');
        String frac = digits(rnd, dotted ? 1 + rnd.nextInt(3) : rnd.nextInt(9));
        if (rnd.nextInt(5) == 0 && !frac.isEmpty()) {
          int at = rnd.nextInt(frac.length() + 1);
          frac = frac.substring(0, at) + "_" + frac.substring(at);
        }
        sb.append(frac);
      }
      if (rnd.nextInt(6) == 0) {
        sb.append(JUNK[rnd.nextInt(JUNK.length)]);
      }
      out.add(sb.toString());
    }
  }

  private static String digits(Random rnd, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + rnd.nextInt(10)));
    }
    return sb.toString();
  }

  private static void overflow(Set<String> out) {
    String[] big = {
      "2147483646",
      "2147483647",
      "2147483648",
      "4294967296",
      "99999999999",
      "0000000001",
      "00000000001",
      "999999999",
      "1000000000",
      "214748364",
      "21474836470"
    };
    for (String b : big) {
      out.add(b);
      out.add("v" + b);
      out.add(b + ".5");
      out.add("1." + b);
      out.add("v1." + b);
      out.add("v1." + b + ".3");
      out.add("1.2." + b);
    }
  }

  /** The value columns of the perl5 packagev.t, CPAN vcmp.t and 02packages tables. */
  static List<String> tableValues() {
    List<String> out = new ArrayList<>();
    for (String line : lines("/datapack/perl-version/perl5-packagev-strict-lax-cases.tsv")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        out.add(line.split("\t")[0]);
      }
    }
    for (String line : lines("/datapack/perl-version/cpan-version-vcmp-cases.txt")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] f = line.trim().split("\\s+");
        out.add(f[0]);
        out.add(f[1]);
      }
    }
    boolean body = false;
    for (String line :
        lines("/datapack/perl-version/metacpan-api-fakecpan-02packages.details.txt")) {
      if (body) {
        out.add(line.trim().split("\\s+")[1]);
      }
      body |= line.isBlank();
    }
    return out;
  }

  /** Every release version and every version inside a range of the advisory database. */
  static List<String> advisoryDatabaseVersions() {
    List<String> out = new ArrayList<>();
    try (InputStream in =
        VersionCorpus.class.getResourceAsStream(
            "/datapack/advisory-db/cpan-security-advisory.json")) {
      JsonNode dists = new ObjectMapper().readTree(in).get("dists");
      for (JsonNode dist : dists) {
        for (JsonNode release : dist.path("versions")) {
          out.add(release.path("version").asText());
        }
        for (JsonNode advisory : dist.path("advisories")) {
          for (String field : new String[] {"affected_versions", "fixed_versions"}) {
            JsonNode ranges = advisory.path(field);
            for (JsonNode range : ranges.isTextual() ? List.of(ranges) : ranges) {
              for (String part : range.asText().split(",")) {
                out.add(part.replaceFirst("^[<>=!]+", ""));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> lines(String resource) {
    try (InputStream in = VersionCorpus.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
