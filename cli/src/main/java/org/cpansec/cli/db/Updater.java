package org.cpansec.cli.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.compact.CompactWriter;
import org.cpansec.advisory.cpansa.CpansaJsonReader;
import org.cpansec.cli.UserException;

/**
 * Refreshes the cache: fetch into a temporary file beside the cache (size-capped, SHA-256 checked
 * when a checksum is given or published as {@code URL.sha256}), gunzip if needed, read it as a
 * CPANSA database, and only then move it over the cache atomically. Any failure deletes the
 * temporary file and leaves the old cache as it was.
 */
final class Updater {
  static final String FILE_NAME = "cpan-security-advisory.json";

  /** The compact form written beside the cache, so later commands start fast (see DbOptions). */
  static final String COMPACT_NAME = "cpan-security-advisory.bin";

  static final String DEFAULT_URL =
      "https://raw.githubusercontent.com/briandfoy/cpan-security-advisory/refs/heads/master/"
          + FILE_NAME;

  private final Path cacheDir;
  private final long maxBytes;
  private final boolean offline;

  Updater(Path cacheDir, long maxBytes, boolean offline) {
    this.cacheDir = cacheDir;
    this.maxBytes = maxBytes;
    this.offline = offline;
  }

  /** What an update did. */
  record Result(
      Path file,
      String from,
      long bytes,
      String sha256,
      boolean checksumVerified,
      AdvisoryDatabase db) {}

  Result update(String from, String expectedSha256) throws IOException {
    Files.createDirectories(cacheDir);
    Path download = Files.createTempFile(cacheDir, ".download-", ".tmp");
    Path plain = null;
    Path compact = null;
    try {
      boolean remote = isUrl(from);
      String sha = remote ? fetch(from, download) : copy(Path.of(from), download);
      String expected = expectedSha256 != null ? expectedSha256 : remote ? published(from) : null;
      if (expected != null && !expected.equalsIgnoreCase(sha)) {
        throw new UserException(
            "checksum mismatch for "
                + from
                + ": expected SHA-256 "
                + expected
                + ", got "
                + sha
                + "; the cache was not changed");
      }
      plain = gunzipIfNeeded(download);
      Path target = cacheDir.resolve(FILE_NAME);
      AdvisoryDatabase db = verify(plain, from, target);
      compact = Files.createTempFile(cacheDir, ".compact-", ".tmp");
      try (OutputStream out = Files.newOutputStream(compact)) {
        CompactWriter.write(db, out);
      }
      // The JSON first: a compact file older than the JSON is never read (DbOptions).
      Files.move(
          plain, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          compact,
          cacheDir.resolve(COMPACT_NAME),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return new Result(target, from, Files.size(target), sha, expected != null, db);
    } finally {
      Files.deleteIfExists(download);
      if (plain != null) {
        Files.deleteIfExists(plain);
      }
      if (compact != null) {
        Files.deleteIfExists(compact);
      }
    }
  }

  static boolean isUrl(String from) {
    String f = from.toLowerCase(Locale.ROOT);
    return f.startsWith("http://") || f.startsWith("https://");
  }

  private HttpClient client() {
    if (offline) {
      throw new UserException("--offline: refusing to fetch over the network");
    }
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  private String fetch(String url, Path into) throws IOException {
    HttpResponse<InputStream> response = send(url);
    if (response.statusCode() != 200) {
      response.body().close();
      throw new UserException(
          "download of "
              + url
              + " failed: HTTP "
              + response.statusCode()
              + "; the cache was not changed");
    }
    long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
    if (declared > maxBytes) {
      response.body().close();
      throw tooBig(url);
    }
    try (InputStream in = response.body()) {
      return copyCapped(in, into, url);
    }
  }

  private HttpResponse<InputStream> send(String url) throws IOException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build();
      return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url, e);
    } catch (IllegalArgumentException e) {
      throw new UserException("not a valid URL: " + url, e);
    }
  }

  /** The checksum published beside the URL as {@code URL.sha256}, or null when none is. */
  private String published(String url) throws IOException {
    HttpResponse<InputStream> response = send(url + ".sha256");
    try (InputStream in = response.body()) {
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 200) {
        throw new UserException(
            "cannot fetch the checksum " + url + ".sha256: HTTP " + response.statusCode());
      }
      String text = new String(in.readNBytes(1024), StandardCharsets.US_ASCII).strip();
      String hex = text.split("\\s+", 2)[0];
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        throw new UserException("the checksum file " + url + ".sha256 holds no SHA-256: " + text);
      }
      return hex;
    }
  }

  private String copy(Path source, Path into) throws IOException {
    if (!Files.isRegularFile(source)) {
      throw new UserException("no such file: " + source + "; the cache was not changed");
    }
    if (Files.size(source) > maxBytes) {
      throw tooBig(source.toString());
    }
    try (InputStream in = Files.newInputStream(source)) {
      return copyCapped(in, into, source.toString());
    }
  }

  private String copyCapped(InputStream in, Path into, String what) throws IOException {
    MessageDigest sha = sha256();
    try (DigestInputStream digest = new DigestInputStream(in, sha);
        OutputStream out = Files.newOutputStream(into)) {
      byte[] buffer = new byte[65536];
      long total = 0;
      for (int n; (n = digest.read(buffer)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw tooBig(what);
        }
        out.write(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private Path gunzipIfNeeded(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(2);
    }
    if (head.length < 2 || (head[0] & 0xff) != 0x1f || (head[1] & 0xff) != 0x8b) {
      Path same = Files.createTempFile(cacheDir, ".verified-", ".tmp");
      Files.move(file, same, StandardCopyOption.REPLACE_EXISTING);
      return same;
    }
    Path out = Files.createTempFile(cacheDir, ".verified-", ".tmp");
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      copyCapped(in, out, "the unzipped download");
    } catch (java.util.zip.ZipException e) {
      Files.deleteIfExists(out);
      throw new UserException("the download is not valid gzip: " + e.getMessage(), e);
    }
    return out;
  }

  /** Reads the download as a database; its locations name the cache file it will become. */
  private static AdvisoryDatabase verify(Path file, String from, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      AdvisoryDatabase db =
          AdvisoryDatabase.of(List.of(new CpansaJsonReader().read(in, target.toString())));
      if (db.all().isEmpty() || db.releaseCount() == 0) {
        throw new UserException(
            from + " holds no advisories or no releases: refusing it; the cache was not changed");
      }
      return db;
    } catch (AdvisoryFormatException e) {
      throw new UserException(
          "the data from "
              + from
              + " is not a CPANSA database ("
              + e.getMessage().substring(e.file().length()).replaceFirst("^:\\s*", "")
              + "); the cache was not changed",
          e);
    }
  }

  private UserException tooBig(String what) {
    return new UserException(
        what + " is larger than the limit of " + maxBytes + " bytes; the cache was not changed");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
