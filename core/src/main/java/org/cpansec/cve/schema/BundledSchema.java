package org.cpansec.cve.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A JSON Schema (draft-07) loaded once from the classpath; thread-safe after construction. */
public final class BundledSchema {
  private static final String BASE = "/org/cpansec/cve/";

  // One holder per schema: building a networknt schema costs more than checking a record, and a
  // command usually needs one or two of them (check without JSON needs only the CNA YAML schema).
  private static final class CveDocument {
    static final JsonNode CVE = load("CVE_JSON_bundled_5.1.1.json");
  }

  private static final class CveRecord {
    static final BundledSchema SCHEMA = new BundledSchema(CveDocument.CVE);
  }

  private static final class CnaContainer {
    static final BundledSchema SCHEMA = new BundledSchema(cnaContainerOf(CveDocument.CVE));
  }

  private static final class CnaYaml {
    static final BundledSchema SCHEMA = new BundledSchema(load("cpansec-cna-schema-01.yaml"));
  }

  private final JsonSchema schema;

  /** The reference tags the CVE 5.1.1 schema defines (its enum, not a copy of it). */
  public static java.util.Set<String> cveReferenceTags() {
    JsonNode oneOf = CveDocument.CVE.at("/definitions/reference/properties/tags/items/oneOf");
    java.util.Set<String> tags = new java.util.TreeSet<>();
    for (JsonNode alternative : oneOf) {
      alternative.path("enum").forEach(t -> tags.add(t.asText()));
    }
    if (tags.isEmpty()) {
      throw new IllegalStateException("the bundled CVE schema defines no reference tags");
    }
    return java.util.Collections.unmodifiableSet(tags);
  }

  private BundledSchema(JsonNode schemaNode) {
    // Format assertions are on: "uri" and "date-time" are part of both schemas' contracts.
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    this.schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode, config);
  }

  /** The official CVE JSON record format 5.1.1 (whole record). */
  public static BundledSchema cveRecord() {
    return CveRecord.SCHEMA;
  }

  /** The CNA published container of CVE JSON 5.1.1, as sent by {@code --cna-container-only}. */
  public static BundledSchema cnaContainer() {
    return CnaContainer.SCHEMA;
  }

  /** The CPANSec CNA YAML record schema ({@code cpansec-cna-schema-01}). */
  public static BundledSchema cnaYaml() {
    return CnaYaml.SCHEMA;
  }

  /** Every rule the document breaks, ordered by location; empty when it is valid. */
  public List<SchemaViolation> validate(JsonNode document) {
    List<SchemaViolation> out = new ArrayList<>();
    for (ValidationMessage m : schema.validate(document)) {
      String pointer = m.getInstanceLocation().toString();
      if (m.getProperty() != null && ("required".equals(m.getType()))) {
        out.add(
            new SchemaViolation(pointer, "required property '" + m.getProperty() + "' missing"));
        continue;
      }
      if (m.getProperty() != null && "additionalProperties".equals(m.getType())) {
        pointer = pointer + "/" + m.getProperty();
        out.add(new SchemaViolation(pointer, "property is not allowed here"));
        continue;
      }
      out.add(new SchemaViolation(pointer, stripLocation(m.getMessage(), pointer)));
    }
    out.sort(
        Comparator.comparing(SchemaViolation::pointer).thenComparing(SchemaViolation::message));
    return out;
  }

  private static String stripLocation(String message, String pointer) {
    String prefix = pointer + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static JsonNode cnaContainerOf(JsonNode cve) {
    // draft-07 ignores siblings of $ref, so a root that only points into the bundle's definitions
    // validates exactly what the bundle says a CNA published container is.
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.set("$schema", cve.get("$schema"));
    root.set("definitions", cve.get("definitions"));
    root.put("$ref", "#/definitions/cnaPublishedContainer");
    return root;
  }

  private static JsonNode load(String name) {
    try (InputStream in = BundledSchema.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled schema missing from the jar: " + BASE + name);
      }
      ObjectMapper mapper = name.endsWith(".yaml") ? new YAMLMapper() : new ObjectMapper();
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled schema " + name, e);
    }
  }
}
