package org.cpansec.cve.osv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.ReleaseList;
import org.cpansec.advisory.cna.CveJson5Reader;
import org.cpansec.advisory.osv.OsvWriter;
import org.cpansec.cve.json.CanonicalJson;

/** One CVE JSON 5 record (as {@code CveJsonBuilder} builds it) as an OSV record. */
public final class OsvRecord {
  private OsvRecord() {}

  /**
   * @param cveRecord the built, schema-valid CVE record
   * @param releases where the distribution's releases come from (OSV lists the affected ones)
   * @param modified when the record last changed: a built record has no {@code dateUpdated} yet
   *     (CVE Services sets it), and OSV requires {@code modified}
   */
  public static ObjectNode of(JsonNode cveRecord, AdvisoryDatabase releases, Instant modified)
      throws IOException {
    ObjectNode copy = cveRecord.deepCopy();
    ObjectNode meta = (ObjectNode) copy.path("cveMetadata");
    if (!meta.has("dateUpdated")) {
      meta.put("dateUpdated", modified.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    String cve = meta.path("cveId").asText();
    List<AdvisoryBatch> batches = new ArrayList<>();
    batches.add(read(copy));
    for (JsonNode affected : copy.path("containers").path("cna").path("affected")) {
      String dist = affected.path("packageName").asText();
      if (releases.knowsReleasesOf(dist)) {
        batches.add(releasesOf(dist, releases));
      }
    }
    ObjectNode osv = new OsvWriter().records(AdvisoryDatabase.of(batches)).get(cve);
    if (osv == null) {
      throw new IllegalStateException("the OSV writer made no record of " + cve);
    }
    return osv;
  }

  /** The advisory reader takes files only; the record goes through a private temporary one. */
  private static AdvisoryBatch read(JsonNode record) throws IOException {
    Path tmp = Files.createTempFile("cpansec-cve-", ".json");
    try {
      Files.writeString(tmp, CanonicalJson.write(record), StandardCharsets.UTF_8);
      return new CveJson5Reader().read(tmp);
    } finally {
      Files.delete(tmp);
    }
  }

  private static AdvisoryBatch releasesOf(String dist, AdvisoryDatabase db) {
    return new AdvisoryBatch(
        DatabaseSource.of("release-list", db.source().file()),
        List.of(),
        Map.of(dist, ReleaseList.of(db.releases(dist))),
        Map.of(),
        Map.of(),
        List.of(),
        false);
  }
}
