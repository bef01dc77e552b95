package org.cpansec.server.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.cpansa.CpansaFeedWriter;
import org.cpansec.advisory.cpansa.CpansaJsonWriter;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.api.OsvIndex;
import org.cpansec.server.store.AdvisoryCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * The feeds other tools read, each written once per database by core's writers and served with an
 * ETag and Last-Modified, so a poller that already has the current copy gets a 304.
 */
@RestController
public class FeedController {
  private static final Logger LOG = LoggerFactory.getLogger(FeedController.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AdvisoryCatalog catalog;
  private final OsvIndex osv;
  private final URI base;
  private final Map<String, Feed> cache = new ConcurrentHashMap<>();

  private record Feed(AdvisoryDatabase db, byte[] body, String etag) {}

  public FeedController(AdvisoryCatalog catalog, OsvIndex osv, ServerProperties properties) {
    this.catalog = catalog;
    this.osv = osv;
    this.base = properties.site().baseUrl();
  }

  @GetMapping("/feeds/advisories.atom")
  public ResponseEntity<byte[]> atom(WebRequest req) {
    return serve(
        req,
        "atom",
        MediaType.parseMediaType("application/atom+xml;charset=UTF-8"),
        db -> AtomFeed.write(db, base, catalog.loadedAt()));
  }

  /** The CPANSA JSON database shape ({@code cpan-security-advisory.json}). */
  @GetMapping("/feeds/cpansa.json")
  public ResponseEntity<byte[]> cpansa(WebRequest req) {
    return serve(req, "cpansa", MediaType.APPLICATION_JSON, FeedController::cpansaJson);
  }

  /** What CPAN::Audit reads: the same CPANSA JSON database shape. */
  @GetMapping("/feeds/cpan-audit.json")
  public ResponseEntity<byte[]> cpanAudit(WebRequest req) {
    return serve(req, "cpansa", MediaType.APPLICATION_JSON, FeedController::cpansaJson);
  }

  /** The Hackeriet/CPANSec {@code cpansa-feed} shape. */
  @GetMapping("/feeds/cpansa-feed.json")
  public ResponseEntity<byte[]> cpansaFeed(WebRequest req) {
    return serve(req, "cpansa-feed", MediaType.APPLICATION_JSON, FeedController::feedJson);
  }

  @GetMapping("/feeds/osv.zip")
  public ResponseEntity<byte[]> osvZip(WebRequest req) {
    return serve(req, "osv", MediaType.parseMediaType("application/zip"), db -> zip(osv.all()));
  }

  private ResponseEntity<byte[]> serve(
      WebRequest req, String name, MediaType type, Function<AdvisoryDatabase, byte[]> writer) {
    AdvisoryDatabase db = catalog.database();
    Feed feed = cache.get(name);
    if (feed == null || feed.db != db) {
      byte[] body = writer.apply(db);
      feed = new Feed(db, body, "\"" + sha256(body) + "\"");
      cache.put(name, feed);
    }
    Instant modified = catalog.loadedAt();
    if (req.checkNotModified(feed.etag, modified.toEpochMilli())) {
      return null;
    }
    return ResponseEntity.ok()
        .contentType(type)
        .eTag(feed.etag)
        .lastModified(modified)
        .body(feed.body);
  }

  private static byte[] cpansaJson(AdvisoryDatabase db) {
    return AtomFeed.utf8(new CpansaJsonWriter().toJson(db).toString());
  }

  private static byte[] feedJson(AdvisoryDatabase db) {
    CpansaFeedWriter.Result r = new CpansaFeedWriter().toJson(db);
    if (!r.skipped().isEmpty()) {
      LOG.info(
          "cpansa-feed leaves out {} advisories it cannot carry: {}",
          r.skipped().size(),
          r.skipped());
    }
    return AtomFeed.utf8(r.feed().toString());
  }

  private static byte[] zip(Map<String, ObjectNode> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey() + ".json"));
        z.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(e.getValue()));
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
