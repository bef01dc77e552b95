package org.cpansec.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code oracle.pl} (Perl's own version.pm) over many requests in one perl process. The
 * reference for every version question in the tests.
 */
final class PerlOracle {

  /** What version.pm said about one string. */
  record Single(
      boolean valid,
      String original,
      String normal,
      boolean alpha,
      String numify,
      String ignored,
      String error) {}

  private static final HexFormat HEX = HexFormat.of();

  private final Path perl;

  private PerlOracle(Path perl) {
    this.perl = perl;
  }

  /** The perl on PATH, if there is one. */
  static Optional<PerlOracle> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "perl");
      if (Files.isExecutable(candidate)) {
        return Optional.of(new PerlOracle(candidate));
      }
    }
    return Optional.empty();
  }

  List<Single> singles(List<String> inputs) {
    List<String> requests = new ArrayList<>(inputs.size());
    for (String s : inputs) {
      requests.add("S\t" + hex(s));
    }
    List<Single> out = new ArrayList<>(inputs.size());
    for (String line : ask(requests)) {
      String[] f = line.split("\t", -1);
      if (f[1].equals("OK")) {
        out.add(
            new Single(
                true,
                unhex(f[2]),
                f[3],
                f[4].equals("1"),
                f[5],
                f[6].equals("-") ? null : unhex(f[6]),
                null));
      } else {
        out.add(new Single(false, null, null, false, null, null, unhex(f[2])));
      }
    }
    return out;
  }

  /** {@code version->parse(a) <=> version->parse(b)} for each pair. */
  List<Integer> compare(List<String[]> pairs) {
    List<String> requests = new ArrayList<>(pairs.size());
    for (String[] p : pairs) {
      requests.add("P\t" + hex(p[0]) + "\t" + hex(p[1]));
    }
    List<Integer> out = new ArrayList<>(pairs.size());
    for (String line : ask(requests)) {
      out.add(Integer.parseInt(line.substring(2)));
    }
    return out;
  }

  private static String hex(String s) {
    return s == null ? "UNDEF" : HEX.formatHex(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String unhex(String h) {
    return new String(HEX.parseHex(h), StandardCharsets.UTF_8);
  }

  private List<String> ask(List<String> requests) {
    try {
      Path dir = Files.createTempDirectory("cpansec-oracle");
      Path script = dir.resolve("oracle.pl");
      try (InputStream in = PerlOracle.class.getResourceAsStream("oracle.pl")) {
        Files.copy(in, script);
      }
      Path input = dir.resolve("requests.txt");
      Files.write(input, requests, StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(perl.toString(), script.toString())
              .redirectInput(input.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException("oracle.pl exited with " + rc);
      }
      List<String> lines = stdout.lines().toList();
      if (lines.size() != requests.size()) {
        throw new IllegalStateException(
            "oracle.pl answered " + lines.size() + " of " + requests.size() + " requests");
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
