package org.cpansec.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/** Official schemas from the data pack, with format assertions on, optionally patched first. */
public final class SchemaCheck {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final JsonSchema schema;

  private SchemaCheck(JsonSchema schema) {
    this.schema = schema;
  }

  /** The schema at a datapack path, after {@code patch} edits its JSON (documented by callers). */
  public static SchemaCheck of(String datapackPath, Consumer<ObjectNode> patch) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream("/datapack/" + datapackPath)) {
      ObjectNode node = (ObjectNode) MAPPER.readTree(in);
      patch.accept(node);
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return new SchemaCheck(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The messages of every rule the document breaks; empty when valid. */
  public List<String> errors(JsonNode document) {
    return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
