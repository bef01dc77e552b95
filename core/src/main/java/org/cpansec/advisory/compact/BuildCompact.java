package org.cpansec.advisory.compact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.cpansa.CpansaJsonReader;

/**
 * Build step: reads the bundled CPANSA JSON and writes its compact form. Arguments: the JSON file,
 * the output file. Origins keep the resource name, so findings read the same from either form.
 */
public final class BuildCompact {
  private BuildCompact() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: BuildCompact SNAPSHOT.json OUT.bin");
    }
    Path json = Path.of(args[0]);
    Path bin = Path.of(args[1]);
    AdvisoryDatabase db;
    try (InputStream in = Files.newInputStream(json)) {
      db =
          AdvisoryDatabase.of(
              List.of(
                  new CpansaJsonReader().read(in, "bundled:" + AdvisoryDatabase.BUNDLED_RESOURCE)));
    }
    Files.createDirectories(bin.toAbsolutePath().getParent());
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(bin))) {
      CompactWriter.write(db, out);
    }
  }
}
