package org.cpansec.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.cpansec.cpan.CpanPathname;

/**
 * CPAN's {@code 02packages.details.txt} (plain or {@code .gz}): which distribution provides each
 * module. Lines whose pathname cannot be read are counted, not guessed.
 */
public final class PackagesIndex {

  private final Map<String, String> moduleToDist;
  private final int unreadable;

  private PackagesIndex(Map<String, String> moduleToDist, int unreadable) {
    this.moduleToDist = moduleToDist;
    this.unreadable = unreadable;
  }

  public static PackagesIndex read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Map<String, String> map = new HashMap<>();
      int bad = 0;
      boolean body = false;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!body) {
          body = line.isBlank();
          continue;
        }
        String[] f = line.trim().split("\\s+");
        if (f.length < 3) {
          bad++;
          continue;
        }
        try {
          map.put(f[0], CpanPathname.parse(f[2]).distribution().value());
        } catch (IllegalArgumentException e) {
          bad++;
        }
      }
      return new PackagesIndex(map, bad);
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + ": cannot read the packages index: " + e.getMessage(), e);
    }
  }

  public Optional<String> distributionOf(String module) {
    return Optional.ofNullable(moduleToDist.get(module));
  }

  public int size() {
    return moduleToDist.size();
  }

  /** Lines whose pathname could not be read. */
  public int unreadableLines() {
    return unreadable;
  }
}
