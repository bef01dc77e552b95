package org.cpansec.server.publication;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.cna.CveJson5Reader;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.SchemaRejectedException;
import org.cpansec.cve.record.CnaRecord;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.Reference;
import org.cpansec.cve.text.Announcement;
import org.cpansec.server.record.RecordProperties;
import org.springframework.stereotype.Component;

/**
 * A saved CNA YAML record turned into what is published, with core's parts only: the record ({@link
 * CnaRecordReader}), the CVE JSON 5 record and CNA container ({@link CveJsonBuilder}, validated
 * against the official 5.1.1 schema), the announcement ({@link Announcement}) and the advisory the
 * database serves (the CVE JSON read back by {@link CveJson5Reader}, as {@code cpansec db} reads
 * published CNA records). A published fix patch is added to the record's references (tag {@code
 * patch}) unless the record links it already.
 */
@Component
class PublishedRecords {
  private final CveJsonBuilder builder;

  PublishedRecords(RecordProperties properties) {
    this.builder =
        new CveJsonBuilder(new BuildOptions(properties.assignerOrgId(), properties.generator()));
  }

  /** What one record publishes. */
  record Built(
      CnaRecord record,
      ObjectNode cveRecord,
      ObjectNode cnaContainer,
      String title,
      String announcement,
      Advisory advisory) {}

  /**
   * Builds the record.
   *
   * @param patchUrl the public address of the fix patch, or null
   * @param published when the record was (or is now) first published
   * @param updated when this version is published
   * @throws IllegalStateException when the text no longer reads or builds (with what is wrong)
   */
  Built build(String cve, String yaml, String patchUrl, Instant published, Instant updated) {
    CnaRecord r;
    try {
      r = CnaRecordReader.read(cve + ".yaml", yaml).record();
    } catch (InvalidRecordException e) {
      throw new IllegalStateException(
          "the record of "
              + cve
              + " does not read: "
              + e.problems().stream().findFirst().map(Object::toString).orElse("invalid"));
    }
    if (!r.cve().value().equals(cve)) {
      throw new IllegalStateException(
          "the record kept under " + cve + " names " + r.cve().value() + "; correct it first");
    }
    r = withPatch(r, patchUrl);
    ObjectNode cveRecord;
    ObjectNode container;
    try {
      cveRecord = builder.record(r);
      container = builder.cnaContainer(r);
    } catch (SchemaRejectedException e) {
      throw new IllegalStateException(
          "the CVE JSON built from the record of "
              + cve
              + " fails the CVE JSON 5.1.1 schema: "
              + e.violations().stream().findFirst().map(Object::toString).orElse(""));
    }
    String title = cveRecord.path("containers").path("cna").path("title").asText();
    return new Built(
        r,
        cveRecord,
        container,
        title,
        Announcement.render(cveRecord),
        advisory(cveRecord, cve, published, updated));
  }

  private static CnaRecord withPatch(CnaRecord r, String patchUrl) {
    if (patchUrl == null || r.references().stream().anyMatch(x -> x.link().equals(patchUrl))) {
      return r;
    }
    List<Reference> refs = new ArrayList<>(r.references());
    refs.add(new Reference(patchUrl, Optional.of("Patch"), List.of("patch")));
    return new CnaRecord(
        r.cve(),
        r.distribution(),
        r.module(),
        r.author(),
        r.repo(),
        r.affected(),
        r.title(),
        r.description(),
        refs,
        r.cwes(),
        r.files(),
        r.routines(),
        r.solutions(),
        r.mitigations(),
        r.credits(),
        r.impacts(),
        r.timeline());
  }

  /**
   * The advisory of a built record: its CVE JSON, with the publication dates CVE Services would
   * set, read by core's CVE JSON 5 reader (which takes files: a private temporary one).
   */
  private static Advisory advisory(
      ObjectNode cveRecord, String cve, Instant published, Instant updated) {
    ObjectNode copy = cveRecord.deepCopy();
    ObjectNode meta = (ObjectNode) copy.path("cveMetadata");
    meta.put("datePublished", published.truncatedTo(ChronoUnit.SECONDS).toString());
    meta.put("dateUpdated", updated.truncatedTo(ChronoUnit.SECONDS).toString());
    AdvisoryBatch batch;
    try {
      Path tmp = Files.createTempFile("cpansec-publish-", ".json");
      try {
        Files.writeString(tmp, CanonicalJson.write(copy), StandardCharsets.UTF_8);
        batch = new CveJson5Reader().read(tmp);
      } finally {
        Files.delete(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the CVE JSON of " + cve, e);
    }
    if (batch.entries().size() != 1) {
      throw new IllegalStateException(
          "the CVE JSON of " + cve + " gives " + batch.entries().size() + " advisories, not one");
    }
    Advisory a = batch.entries().get(0);
    return new Advisory(
        a.id(),
        a.aliases(),
        a.distribution(),
        a.affected(),
        a.fixed(),
        a.severity(),
        a.cvss(),
        a.cwes(),
        a.title(),
        a.description(),
        a.references(),
        a.reported(),
        a.published(),
        a.modified(),
        a.credits(),
        a.thirdParty(),
        a.comment(),
        List.of(new Origin(CveJson5Reader.KIND, cve + ".json", "/containers/cna/affected/0")),
        a.extra());
  }

  /**
   * The announcement as the body of the list mail: core's text without its first {@code Subject:}
   * line (the mail's own subject carries it) and the blank lines after it.
   */
  static String mailBody(String announcement) {
    List<String> lines = new ArrayList<>(announcement.lines().toList());
    if (!lines.isEmpty() && lines.get(0).startsWith("Subject: ")) {
      lines.remove(0);
      while (!lines.isEmpty() && lines.get(0).isBlank()) {
        lines.remove(0);
      }
    }
    return String.join("\n", lines);
  }
}
