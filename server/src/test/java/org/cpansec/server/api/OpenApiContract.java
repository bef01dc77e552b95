package org.cpansec.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a response against {@code static/v1/openapi.yaml}, the API's spec: the path and method
 * must be documented, the status listed, the content type the documented one, and the body valid
 * against the documented schema (JSON Schema 2020-12, format assertions on).
 */
final class OpenApiContract {
  private static final String BASE = "https://contract.test/openapi.json";
  private static final JsonNode SPEC = load();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          b -> b.schemaLoaders(l -> l.schemas(Map.of(BASE, SPEC.toString()))));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private OpenApiContract() {}

  private static JsonNode load() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream("/static/v1/openapi.yaml")) {
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void check(String method, String path, int status, String contentType, String body) {
    String template = template(path);
    JsonNode op = SPEC.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT));
    assertThat(op.isMissingNode()).as("%s %s is documented", method, template).isFalse();
    JsonNode response = op.path("responses").path(Integer.toString(status));
    assertThat(response.isMissingNode())
        .as("status %d of %s %s is documented; body: %s", status, method, template, body)
        .isFalse();
    String pointer =
        "/paths/"
            + esc(template)
            + "/"
            + method.toLowerCase(java.util.Locale.ROOT)
            + "/responses/"
            + status;
    JsonNode ref = response.get("$ref");
    if (ref != null) {
      pointer = ref.asText().substring(1);
      response = SPEC.at(pointer);
    }
    Iterator<String> types = response.path("content").fieldNames();
    assertThat(types.hasNext()).as("documented content").isTrue();
    String documented = types.next();
    assertThat(contentType).as("content type of %s %s", method, path).startsWith(documented);
    JsonSchema schema =
        FACTORY.getSchema(
            SchemaLocation.of(BASE + "#" + pointer + "/content/" + esc(documented) + "/schema"),
            CONFIG);
    Set<ValidationMessage> errors = schema.validate(body, InputFormat.JSON);
    assertThat(errors).as("%s %s → %d body %s", method, path, status, abbreviate(body)).isEmpty();
  }

  /** The documented path template matching a concrete path. */
  private static String template(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Iterator<String> it = SPEC.path("paths").fieldNames();
    while (it.hasNext()) {
      String t = it.next();
      String regex = Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (p.matches(regex)) {
        return t;
      }
    }
    return p;
  }

  private static String esc(String s) {
    return s.replace("~", "~0").replace("/", "~1");
  }

  private static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }

  static ObjectMapper json() {
    return new ObjectMapper();
  }
}
