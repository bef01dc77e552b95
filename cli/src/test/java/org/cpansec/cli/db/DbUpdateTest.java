package org.cpansec.cli.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db update} from files and from an HTTP server on 127.0.0.1; no other network. */
class DbUpdateTest {
  private static final Path SNAPSHOT =
      Path.of("../core/src/test/resources/datapack/advisory-db/cpan-security-advisory.json");

  @TempDir Path cache;
  @TempDir Path work;
  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = served.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private Cli update(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "db";
    all[1] = "update";
    System.arraycopy(args, 0, all, 2, args.length);
    all[args.length + 2] = "--cache-dir";
    all[args.length + 3] = cache.toString();
    return Cli.run(all);
  }

  private Path cacheFile() {
    return cache.resolve("cpan-security-advisory.json");
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void updatesFromALocalFileAndTheCacheIsThenUsed() throws Exception {
    Cli r = update("--from", SNAPSHOT.toString(), "--sha256", sha256(Files.readAllBytes(SNAPSHOT)));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("1003 advisories", "SHA-256 verified");
    assertThat(Files.mismatch(cacheFile(), SNAPSHOT)).isEqualTo(-1);
    assertThat(cache.resolve("cpan-security-advisory.bin")).isRegularFile();
    Cli info = Cli.run("db", "info", "--cache-dir", cache.toString(), "--format", "json");
    assertThat(info.out()).contains("\"loaded_from\" : \"cache\"", "\"entries\" : 2061");
    Cli show = Cli.run("db", "show", "CVE-2025-40918", "--cache-dir", cache.toString());
    assertThat(show.out())
        .contains("origin        cpansa-json " + cacheFile() + ":/dists/Authen-SASL");
    assertThat(leftovers()).isZero();
  }

  @Test
  void aCorruptDownloadKeepsTheOldCacheAndSaysWhy() throws Exception {
    assertThat(update("--from", SNAPSHOT.toString()).exit()).isZero();
    byte[] before = Files.readAllBytes(cacheFile());
    Path corrupt = work.resolve("corrupt.json");
    byte[] full = Files.readAllBytes(SNAPSHOT);
    Files.write(corrupt, java.util.Arrays.copyOf(full, full.length / 2));
    Cli r = update("--from", corrupt.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("cpansec: the data from " + corrupt + " is not a CPANSA database (")
        .contains("not valid JSON")
        .contains("the cache was not changed");
    assertThat(Files.readAllBytes(cacheFile())).isEqualTo(before);
    assertThat(leftovers()).isZero();

    Files.writeString(corrupt, "{\"something\": \"else\"}");
    assertThat(update("--from", corrupt.toString()).err()).contains("no 'dists' object");
    assertThat(Files.readAllBytes(cacheFile())).isEqualTo(before);
  }

  @Test
  void aJsonNewerThanItsCompactFormIsReadItself() throws Exception {
    assertThat(update("--from", SNAPSHOT.toString()).exit()).isZero();
    Path bin = cache.resolve("cpan-security-advisory.bin");
    Files.setLastModifiedTime(bin, java.nio.file.attribute.FileTime.fromMillis(0));
    Files.write(bin, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(bin, java.nio.file.attribute.FileTime.fromMillis(0));
    Cli info = Cli.run("db", "info", "--cache-dir", cache.toString());
    assertThat(info.exit()).as(info.err()).isZero();
    Files.setLastModifiedTime(
        bin, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Cli broken = Cli.run("db", "info", "--cache-dir", cache.toString());
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains("the cached database is unreadable", "cpansec db update");
  }

  @Test
  void aWrongChecksumOrAnOversizedFileIsRefused() throws Exception {
    Cli bad = update("--from", SNAPSHOT.toString(), "--sha256", "0".repeat(64));
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("checksum mismatch");
    Cli big = update("--from", SNAPSHOT.toString(), "--max-size", "1000");
    assertThat(big.exit()).isEqualTo(2);
    assertThat(big.err()).contains("larger than the limit of 1000 bytes");
    assertThat(Files.exists(cacheFile())).isFalse();
    assertThat(leftovers()).isZero();
  }

  @Test
  void updatesOverHttpVerifyingThePublishedChecksum() throws Exception {
    byte[] body = Files.readAllBytes(SNAPSHOT);
    served.put("/db.json", body);
    served.put(
        "/db.json.sha256", (sha256(body) + "  db.json\n").getBytes(StandardCharsets.US_ASCII));
    Cli r = update("--from", url("/db.json"), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"checksum_verified\" : true");
    assertThat(Files.mismatch(cacheFile(), SNAPSHOT)).isEqualTo(-1);

    served.put("/db.json.sha256", ("f".repeat(64) + "\n").getBytes(StandardCharsets.US_ASCII));
    Cli wrong = update("--from", url("/db.json"));
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("checksum mismatch");
  }

  @Test
  void aGzippedDownloadWithoutPublishedChecksumIsUnzipped() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(Files.readAllBytes(SNAPSHOT));
    }
    served.put("/db.json.gz", gz.toByteArray());
    Cli r = update("--from", url("/db.json.gz"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("SHA-256 verified");
    assertThat(Files.mismatch(cacheFile(), SNAPSHOT)).isEqualTo(-1);
  }

  @Test
  void httpErrorsAndOfflineModeLeaveTheCacheAlone() {
    Cli missing = update("--from", url("/nothing.json"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("HTTP 404", "the cache was not changed");
    Cli offline = update("--from", url("/db.json"), "--offline");
    assertThat(offline.exit()).isEqualTo(2);
    assertThat(offline.err()).contains("--offline: refusing to fetch");
    assertThat(Files.exists(cacheFile())).isFalse();
  }

  private long leftovers() throws IOException {
    try (var s = Files.list(cache)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
    }
  }
}
