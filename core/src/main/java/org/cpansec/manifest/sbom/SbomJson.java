package org.cpansec.manifest.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import org.cpansec.manifest.LocatedNode;
import org.cpansec.manifest.UnreadableManifestException;

/** Parses an SBOM's JSON keeping positions; a syntax error makes the whole file unreadable. */
final class SbomJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SbomJson() {}

  static LocatedNode parse(Path file, String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      LocatedNode root = LocatedNode.read(parser);
      if (!root.isMap()) {
        throw new UnreadableManifestException(file, "expected a JSON object at the top");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new UnreadableManifestException(
          file,
          "line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": not valid JSON: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UnreadableManifestException(file, "cannot read: " + e.getMessage(), e);
    }
  }
}
