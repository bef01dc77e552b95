package org.cpansec.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.Severity;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Finding;
import org.cpansec.audit.FindingKind;
import org.cpansec.manifest.SourceLocation;

/**
 * The audit as SARIF 2.1.0 for code-scanning: one rule per advisory, one result per finding and
 * advisory, located at the manifest line. Severity goes into {@code level} and into GitHub's {@code
 * security-severity} property.
 */
public final class SarifReport {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String UNKNOWN_RULE = "cpansec-unknown";

  private SarifReport() {}

  public static String write(AuditReport report, String toolVersion, Path base) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json").put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver
        .put("name", "cpansec")
        .put("version", toolVersion)
        .put("informationUri", "https://security.metacpan.org/");
    Map<String, ObjectNode> rules = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      if (f.kind() == FindingKind.UNKNOWN) {
        rules.computeIfAbsent(UNKNOWN_RULE, k -> unknownRule());
        result(results, f, UNKNOWN_RULE, "note", base);
        continue;
      }
      for (Advisory a : f.advisories()) {
        rules.computeIfAbsent(a.id(), k -> rule(a));
        result(results, f, a.id(), level(a.severity().level()), base);
      }
    }
    ArrayNode ruleArray = driver.putArray("rules");
    rules.values().forEach(ruleArray::add);
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write SARIF", e);
    }
  }

  private static ObjectNode rule(Advisory a) {
    ObjectNode rule = MAPPER.createObjectNode().put("id", a.id());
    rule.putObject("shortDescription").put("text", Titles.of(a));
    rule.putObject("fullDescription")
        .put("text", a.description() == null ? Titles.of(a) : a.description());
    if (!a.references().isEmpty()) {
      rule.put("helpUri", a.references().get(0).url());
    }
    ObjectNode props = rule.putObject("properties");
    props.putArray("tags").add("security").add("cpan");
    props.put("security-severity", securitySeverity(a.severity().level()));
    return rule;
  }

  private static ObjectNode unknownRule() {
    ObjectNode rule = MAPPER.createObjectNode().put("id", UNKNOWN_RULE);
    rule.putObject("shortDescription")
        .put("text", "Whether this dependency is affected could not be decided");
    return rule;
  }

  private static void result(ArrayNode results, Finding f, String ruleId, String level, Path base) {
    ObjectNode r = results.addObject().put("ruleId", ruleId).put("level", level);
    String text =
        switch (f.kind()) {
          case VULNERABLE ->
              f.distribution()
                  + " "
                  + f.dependency().version().written()
                  + " is affected by "
                  + ruleId
                  + "; "
                  + f.advice();
          case ALLOWS_VULNERABLE ->
              "The requirement "
                  + f.distribution()
                  + " '"
                  + f.dependency().version().written()
                  + "' allows versions affected by "
                  + ruleId
                  + "; "
                  + f.advice();
          case UNKNOWN -> f.distribution() + ": " + f.reason().orElse("cannot be decided");
        };
    r.putObject("message").put("text", text);
    SourceLocation at = f.dependency().source();
    ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", Paths.show(at.file(), base));
    if (at.line() > 0) {
      ObjectNode region = physical.putObject("region").put("startLine", at.line());
      if (at.column() > 0) {
        region.put("startColumn", at.column());
      }
    }
  }

  private static String level(Severity.Level level) {
    return switch (level) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM, UNKNOWN -> "warning";
      case LOW -> "note";
    };
  }

  /** GitHub code scanning reads this number: critical ≥ 9, high ≥ 7, medium ≥ 4. */
  private static String securitySeverity(Severity.Level level) {
    return switch (level) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM, UNKNOWN -> "5.5";
      case LOW -> "2.0";
    };
  }
}
