package org.cpansec.cve.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.record.CveId;

/**
 * A directory standing in for CVE Services: {@code {dir}/{CVE}} as the API names it, else {@code
 * {dir}/{CVE}.json} as a download of records names it.
 */
final class DirectorySource implements RecordSource {
  private final Path dir;

  DirectorySource(Path dir) {
    this.dir = dir;
  }

  @Override
  public Optional<JsonNode> fetch(CveId cve) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " is not a directory");
    }
    for (Path file : new Path[] {dir.resolve(cve.value()), dir.resolve(cve + ".json")}) {
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(CanonicalJson.read(Files.readString(file)));
        } catch (IOException e) {
          throw new IOException(file + ": not JSON: " + e.getMessage(), e);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return dir.toUri().toString();
  }
}
