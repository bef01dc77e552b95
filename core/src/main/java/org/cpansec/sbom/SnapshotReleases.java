package org.cpansec.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpansec.cpan.CpanPathname;
import org.cpansec.manifest.UnreadableManifestException;

/**
 * The release tarballs a {@code cpanfile.snapshot} names ({@code pathname:} lines), their SHA-256
 * when Carton's {@code local/cache/authors/id/} beside the snapshot holds them, and their META when
 * Carton installed them in {@code local/}.
 */
final class SnapshotReleases {
  private final Map<String, CpanPathname> byRelease = new HashMap<>();
  private final Path cache;
  private final InstalledMeta installed;

  private SnapshotReleases(Path cache, InstalledMeta installed) {
    this.cache = cache;
    this.installed = installed;
  }

  /**
   * Reads the pathnames of a snapshot. Pathnames that do not parse are left out here because the
   * snapshot extractor already reports each of them as a problem of the manifest.
   */
  static SnapshotReleases read(Path snapshot) {
    Path dir = snapshot.toAbsolutePath().getParent();
    SnapshotReleases releases =
        new SnapshotReleases(dir.resolve("local/cache/authors/id"), InstalledMeta.read(dir));
    List<String> lines;
    try {
      lines = Files.readAllLines(snapshot);
    } catch (IOException e) {
      throw new UnreadableManifestException(snapshot, "cannot read: " + e.getMessage());
    }
    for (String line : lines) {
      String body = line.strip();
      if (body.startsWith("pathname:")) {
        try {
          CpanPathname p = CpanPathname.parse(body.substring("pathname:".length()).strip());
          releases.byRelease.put(key(p.distribution().value(), p.version()), p);
        } catch (IllegalArgumentException reportedByTheExtractor) {
          continue;
        }
      }
    }
    return releases;
  }

  private static String key(String distribution, String version) {
    return distribution + "@" + version;
  }

  Optional<CpanPathname> pathname(String distribution, String version) {
    return Optional.ofNullable(byRelease.get(key(distribution, version)));
  }

  /** The MYMETA of the release as Carton installed it in {@code local/}, when it is there. */
  Optional<org.cpansec.manifest.ProjectInfo> installedMeta(String distribution, String version) {
    return installed.of(distribution, version);
  }

  /** The hex SHA-256 of the cached tarball, empty when the cache does not hold it. */
  Optional<String> sha256(CpanPathname path) {
    Path file = cache.resolve(path.pathname());
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      DigestInputStream digest = (DigestInputStream) in;
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return Optional.of(HexFormat.of().formatHex(digest.getMessageDigest().digest()));
    } catch (IOException e) {
      throw new UnreadableManifestException(
          file, "cannot read the cached tarball: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
