package org.cpansec.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.cpansec.manifest.Datapack;

/**
 * The official CycloneDX 1.6 schema (with its SPDX licence and JSF schemas resolved from the data
 * pack, not the network) and the SPDX 2.3 schema, format assertions on or off.
 */
final class SbomSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonSchema schema;

  private SbomSchemas(JsonSchema schema) {
    this.schema = schema;
  }

  static SbomSchemas cycloneDx(boolean formatAssertions) {
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V7,
            b ->
                b.schemaMappers(
                    m ->
                        m.mapPrefix(
                            "http://cyclonedx.org/schema/",
                            "classpath:datapack/schemas/cyclonedx-1.6/")));
    return new SbomSchemas(
        factory.getSchema(
            read("schemas/cyclonedx-1.6/bom-1.6.schema.json"), config(formatAssertions)));
  }

  static SbomSchemas spdx() {
    return new SbomSchemas(
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(read("schemas/spdx-2.3/spdx-schema.json"), config(true)));
  }

  private static SchemaValidatorsConfig config(boolean formatAssertions) {
    return SchemaValidatorsConfig.builder().formatAssertionsEnabled(formatAssertions).build();
  }

  private static String read(String datapackPath) {
    try {
      return Files.readString(Datapack.path(datapackPath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rule the document breaks, sorted; empty when it is valid. */
  List<String> errors(String document) {
    try {
      return errors(JSON.readTree(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> errors(JsonNode document) {
    return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
