package org.cpansec.server.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Published patch files (CPANSEC-PROCESS.md §4): {@code
 * patches/<Initial>/<Dist>/<version>/<CVE>-r<N>.patch}, where Initial is the first letter of the
 * distribution (upper case), Dist the distribution, version the released version the patch applies
 * to, and N the revision (1, 2, … for each new patch of that distribution, version and CVE).
 * Written under {@code cpansec.publication.patch-dir}, served publicly under {@code /patches/} by
 * {@link PatchController}.
 */
@Component
public class PatchFiles {
  /** URL prefix (and directory name in the rule) of published patches. */
  public static final String PREFIX = "patches/";

  private static final Pattern DISTRIBUTION = Pattern.compile("[A-Za-z0-9_-]{1,200}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  public PatchFiles(PublicationProperties properties) {
    this.dir = properties.patchDir().toAbsolutePath().normalize();
  }

  /**
   * The path of a patch under {@code patches/}, without that prefix: {@code
   * <Initial>/<Dist>/<version>/<CVE>-r<N>.patch}.
   *
   * @throws IllegalArgumentException when a part does not fit the rule (each is one safe segment)
   */
  public static String path(String distribution, String version, String cveId, int revision) {
    if (distribution == null || !DISTRIBUTION.matcher(distribution).matches()) {
      throw new IllegalArgumentException("not a distribution name: " + distribution);
    }
    versionProblem(version)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    if (cveId == null || !CVE.matcher(cveId).matches()) {
      throw new IllegalArgumentException("not a CVE ID: " + cveId);
    }
    if (revision < 1) {
      throw new IllegalArgumentException("a revision counts from 1: " + revision);
    }
    String initial = distribution.substring(0, 1).toUpperCase(Locale.ROOT);
    return initial + "/" + distribution + "/" + version + "/" + cveId + "-r" + revision + ".patch";
  }

  /** What is wrong with a version given for a patch; empty when it is fine. */
  public static Optional<String> versionProblem(String version) {
    if (version == null || version.isBlank()) {
      return Optional.of("Give the released version the patch applies to, such as 1.23 or v1.2.3.");
    }
    if (!VERSION.matcher(version).matches() || version.contains("..")) {
      return Optional.of(
          "The version \""
              + version
              + "\" is not a release version: letters, digits, '.', '_' and '-', starting with a"
              + " letter or digit, at most 100 characters (such as 1.23 or v1.2.3).");
    }
    return Optional.empty();
  }

  /**
   * Why these bytes are not a patch to publish as plain text; empty when they are: UTF-8 text
   * without NUL bytes, with the lines of a diff ({@code ---}/{@code +++}, or {@code diff}).
   */
  public static Optional<String> contentProblem(byte[] bytes) {
    if (bytes.length == 0) {
      return Optional.of("The file is empty.");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.of("The file is not UTF-8 text; a patch is published as plain text.");
    }
    if (text.indexOf('\0') >= 0) {
      return Optional.of("The file contains NUL bytes; a patch is published as plain text.");
    }
    boolean diff =
        text.lines()
            .anyMatch(l -> l.startsWith("+++ ") || l.startsWith("diff ") || l.startsWith("--- "));
    if (!diff) {
      return Optional.of(
          "The file does not look like a patch (no \"---\"/\"+++\" or \"diff\" lines); publish"
              + " the output of diff -u or git format-patch.");
    }
    return Optional.empty();
  }

  /**
   * Writes the patch at its path (relative to the patch directory): a temporary file first, then
   * moved into place. If the surrounding transaction rolls back, the file is deleted again.
   */
  void write(String relative, byte[] bytes) {
    Path target = resolve(relative);
    byte[] name = new byte[8];
    RANDOM.nextBytes(name);
    Path part = target.resolveSibling(target.getFileName() + "." + HexFormat.of().formatHex(name));
    try {
      Files.createDirectories(target.getParent());
      Files.write(part, bytes);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new UncheckedIOException(
          "cannot write the patch file under " + dir + " (" + e.getMessage() + ")", e);
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              if (status != STATUS_COMMITTED) {
                deleteQuietly(target);
              }
            }
          });
    }
  }

  /** The file of a published patch path, if it is there. */
  Optional<Path> file(String relative) {
    Path p = resolve(relative);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  private Path resolve(String relative) {
    Path p = dir.resolve(relative).normalize();
    if (!p.startsWith(dir) || p.equals(dir)) {
      throw new IllegalArgumentException("not a path under the patch directory: " + relative);
    }
    return p;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Left behind: a file no published_patch row points to, never served.
    }
  }
}
