package org.cpansec.audit;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.cpansec.cpan.CpanPathname;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.SourceLocation;

/**
 * CPAN's {@code 02packages.details.txt} (plain or gzip-compressed, recognised by its first bytes):
 * which distribution provides each module. Lines whose pathname cannot be read are counted, not
 * guessed, and each is kept as a {@link Problem} with its line number (the first {@value
 * #MAX_PROBLEMS_KEPT}; the count is always exact).
 */
public final class PackagesIndex {
  /** How many problems are kept with their message; {@link #unreadableLines()} counts them all. */
  public static final int MAX_PROBLEMS_KEPT = 1000;

  private final Map<String, String> moduleToDist;
  private final int unreadable;
  private final List<Problem> problems;
  private final Optional<Problem> headerProblem;

  private PackagesIndex(
      Map<String, String> moduleToDist,
      int unreadable,
      List<Problem> problems,
      Optional<Problem> headerProblem) {
    this.moduleToDist = moduleToDist;
    this.unreadable = unreadable;
    this.problems = List.copyOf(problems);
    this.headerProblem = headerProblem;
  }

  public static PackagesIndex read(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        InputStream in = isGzip(raw) ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Map<String, String> map = new HashMap<>();
      List<Problem> problems = new ArrayList<>();
      int bad = 0;
      int bodyLines = 0;
      int declaredLines = -1;
      int declaredAt = 0;
      boolean body = false;
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (!body) {
          body = line.isBlank();
          if (line.startsWith("Line-Count:")) {
            declaredLines = lineCount(line);
            declaredAt = number;
          }
          continue;
        }
        bodyLines++;
        String[] f = line.trim().split("\\s+");
        String reason;
        if (f.length < 3) {
          reason =
              "expected 'Module::Name version A/AU/AUTHOR/Dist-Name-1.23.tar.gz', found '"
                  + clip(line)
                  + "'";
        } else {
          try {
            map.put(f[0], CpanPathname.parse(f[2]).distribution().value());
            continue;
          } catch (IllegalArgumentException e) {
            reason = f[0] + ": " + e.getMessage();
          }
        }
        bad++;
        if (problems.size() < MAX_PROBLEMS_KEPT) {
          problems.add(new Problem(SourceLocation.of(file, number, 0), reason));
        }
      }
      Optional<Problem> header = Optional.empty();
      if (declaredLines >= 0 && declaredLines != bodyLines) {
        // A truncated download reads as a shorter, valid-looking index: say so.
        header =
            Optional.of(
                new Problem(
                    SourceLocation.of(file, declaredAt, 0),
                    "the header says Line-Count: "
                        + declaredLines
                        + " but the file has "
                        + bodyLines
                        + " package lines (truncated or edited?)"));
      }
      return new PackagesIndex(map, bad, problems, header);
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + ": cannot read the packages index: " + e.getMessage(), e);
    }
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b;
  }

  private static int lineCount(String header) {
    try {
      return Integer.parseInt(header.substring("Line-Count:".length()).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String clip(String line) {
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }

  public Optional<String> distributionOf(String module) {
    return Optional.ofNullable(moduleToDist.get(module));
  }

  public int size() {
    return moduleToDist.size();
  }

  /** Every module the index maps, with its distribution (unmodifiable, in no particular order). */
  public Map<String, String> modules() {
    return Collections.unmodifiableMap(moduleToDist);
  }

  /** Lines whose pathname could not be read. */
  public int unreadableLines() {
    return unreadable;
  }

  /**
   * The unreadable lines (the first {@value #MAX_PROBLEMS_KEPT}) with their line numbers and what
   * was expected.
   */
  public List<Problem> problems() {
    return problems;
  }

  /** Present when the header's {@code Line-Count} disagrees with the number of package lines. */
  public Optional<Problem> headerProblem() {
    return headerProblem;
  }
}
