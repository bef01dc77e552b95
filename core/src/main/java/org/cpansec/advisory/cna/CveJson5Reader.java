package org.cpansec.advisory.cna;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryBatch;
import org.cpansec.advisory.AdvisoryBuilder;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.AdvisoryRange;
import org.cpansec.advisory.AdvisoryReader;
import org.cpansec.advisory.Credit;
import org.cpansec.advisory.DatabaseSource;
import org.cpansec.advisory.LintFinding;
import org.cpansec.advisory.Origin;
import org.cpansec.advisory.Reference;
import org.cpansec.version.Constraint;
import org.cpansec.version.InvalidVersionException;
import org.cpansec.version.Operator;
import org.cpansec.version.PerlVersion;
import org.cpansec.version.VersionRange;

/**
 * Reads CVE JSON 5 records. Only {@code affected} entries with {@code collectionURL
 * https://cpan.org/modules} are CPAN advisories (one per packageName); a record with none is a
 * format error. Versions map as CPANSEC-PROCESS §7 defines: {@code version X} alone is exactly X,
 * {@code lessThan}/{@code lessThanOrEqual} give {@code <}/{@code <=}, and a start other than "0"
 * gives {@code >=}.
 */
public final class CveJson5Reader implements AdvisoryReader {
  public static final String KIND = "cve-json5";
  public static final String CPAN_COLLECTION = "https://cpan.org/modules";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads one record, or every {@code *.json} of a directory in name order. */
  @Override
  public AdvisoryBatch read(Path fileOrDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(fileOrDir)) {
      try (var s = Files.list(fileOrDir)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    } else {
      files.add(fileOrDir);
    }
    List<Advisory> entries = new ArrayList<>();
    for (Path f : files) {
      try {
        entries.addAll(record(MAPPER.readTree(f.toFile()), f.toString()));
      } catch (JsonProcessingException e) {
        throw new AdvisoryFormatException(
            f.toString(),
            "line " + e.getLocation().getLineNr(),
            "not valid JSON: " + e.getOriginalMessage(),
            e);
      }
    }
    return AdvisoryBatch.ofAdvisories(
        DatabaseSource.of(KIND, fileOrDir.toString()), entries, List.<LintFinding>of(), true);
  }

  List<Advisory> record(JsonNode root, String file) {
    String cve = root.path("cveMetadata").path("cveId").asText(null);
    JsonNode cna = root.path("containers").path("cna");
    if (cve == null || !cna.isObject()) {
      throw new AdvisoryFormatException(
          file,
          "",
          "not a CVE JSON 5 record: cveMetadata.cveId and containers.cna are required",
          null);
    }
    List<Advisory> out = new ArrayList<>();
    JsonNode affected = cna.path("affected");
    for (int i = 0; i < affected.size(); i++) {
      JsonNode a = affected.get(i);
      if (!CPAN_COLLECTION.equals(a.path("collectionURL").asText())) {
        continue; // another product of the same CVE (e.g. perl itself): not a CPAN advisory
      }
      String at = "/containers/cna/affected/" + i;
      AdvisoryBuilder b =
          Advisory.builder(cve, a.path("packageName").asText()).origin(new Origin(KIND, file, at));
      versions(a.path("versions"), b, file, at);
      common(root, cna, b);
      out.add(b.build());
    }
    if (out.isEmpty()) {
      throw new AdvisoryFormatException(
          file,
          "/containers/cna/affected",
          "no affected entry with collectionURL " + CPAN_COLLECTION,
          null);
    }
    return out;
  }

  private static void versions(JsonNode versions, AdvisoryBuilder b, String file, String at) {
    for (int i = 0; i < versions.size(); i++) {
      JsonNode v = versions.get(i);
      if (!"affected".equals(v.path("status").asText())) {
        continue;
      }
      try {
        b.affected(AdvisoryRange.of(range(v)));
      } catch (InvalidVersionException e) {
        b.affected(
            AdvisoryRange.invalid(v.toString(), at + "/versions/" + i + ": " + e.perlMessage()));
      }
    }
  }

  static VersionRange range(JsonNode v) {
    String start = v.path("version").asText("0");
    List<Constraint> list = new ArrayList<>(2);
    boolean bounded = v.has("lessThan") || v.has("lessThanOrEqual");
    if (!bounded) {
      return VersionRange.of(
          VersionRange.Syntax.CNA, new Constraint(Operator.EQ, PerlVersion.parse(start)));
    }
    if (!start.equals("0")) {
      list.add(new Constraint(Operator.GE, PerlVersion.parse(start)));
    }
    String lt = v.path("lessThan").asText(null);
    String le = v.path("lessThanOrEqual").asText(null);
    String high = lt != null ? lt : le;
    if (!high.equals("*")) {
      list.add(new Constraint(lt != null ? Operator.LT : Operator.LE, PerlVersion.parse(high)));
    }
    if (list.isEmpty()) {
      list.add(new Constraint(Operator.GE, PerlVersion.ZERO));
    }
    return VersionRange.of(VersionRange.Syntax.CNA, list.toArray(new Constraint[0]));
  }

  private static void common(JsonNode root, JsonNode cna, AdvisoryBuilder b) {
    b.title(text(cna, "title"));
    for (JsonNode d : cna.path("descriptions")) {
      if (d.path("lang").asText().toLowerCase(Locale.ROOT).startsWith("en")) {
        b.description(d.path("value").asText());
        break;
      }
    }
    for (JsonNode pt : cna.path("problemTypes")) {
      pt.path("descriptions")
          .forEach(
              d -> {
                if (d.has("cweId")) {
                  b.cwe(d.path("cweId").asText());
                }
              });
    }
    for (JsonNode m : cna.path("metrics")) {
      m.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().has("vectorString")) {
                  b.cvss(e.getValue().path("vectorString").asText());
                }
              });
    }
    for (JsonNode r : cna.path("references")) {
      b.reference(kind(r));
    }
    cna.path("credits")
        .forEach(
            c -> b.credit(new Credit(c.path("value").asText(), c.path("type").asText("other"))));
    JsonNode meta = root.path("cveMetadata");
    b.published(text(meta, "datePublished")).modified(text(meta, "dateUpdated"));
    String reserved = text(meta, "dateReserved");
    b.reported(reserved == null || reserved.length() < 10 ? null : reserved.substring(0, 10));
  }

  private static Reference kind(JsonNode r) {
    String url = r.path("url").asText();
    List<String> tags = new ArrayList<>();
    r.path("tags").forEach(t -> tags.add(t.asText()));
    if (tags.contains("patch")) {
      return new Reference(url, Reference.Kind.FIX);
    }
    if (tags.contains("vendor-advisory") || tags.contains("third-party-advisory")) {
      return new Reference(url, Reference.Kind.ADVISORY);
    }
    if (tags.contains("issue-tracking")) {
      return new Reference(url, Reference.Kind.REPORT);
    }
    return Reference.guess(url);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
