package org.cpansec.cve.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Optional;
import org.cpansec.cve.record.CveId;

/** Where published CVE JSON 5 records come from. */
public interface RecordSource {
  /**
   * The published record, or empty when the source says it has none (HTTP 404, no file).
   *
   * @throws IOException when the source cannot answer (unreachable, other HTTP status, not JSON):
   *     the state is then unknown, never "missing"
   */
  Optional<JsonNode> fetch(CveId cve) throws IOException;

  /** What the records are compared with, for messages. */
  String describe();

  /** {@code file:} URIs are directories of {@code CVE.json} files, http(s) a CVE Services base. */
  static RecordSource forBase(URI base) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase();
    switch (scheme) {
      case "file":
        return new DirectorySource(Path.of(base));
      case "http":
      case "https":
        return new HttpSource(base, HttpClient.newHttpClient());
      default:
        throw new IllegalArgumentException(
            "record source must be an http(s):// or file:// URL, not '" + base + "'");
    }
  }
}
