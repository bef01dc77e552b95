package org.cpansec.manifest.cpanfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Extractor;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.ManifestText;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.SourceLocation;

/** Reads a {@code cpanfile} without running it. */
public final class CpanfileExtractor implements Extractor {

  @Override
  public String name() {
    return "cpanfile";
  }

  @Override
  public boolean accepts(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().equals("cpanfile");
  }

  @Override
  public Manifest extract(Path file, ExtractContext context) {
    return parse(file, ManifestText.read(file, context), context);
  }

  /** Parses cpanfile text already in memory; {@code file} is only used for locations. */
  public Manifest parse(Path file, String text, ExtractContext context) {
    Lexer.Result lexed = Lexer.lex(text);
    CpanfileParser parser = new CpanfileParser(file, lexed.tokens(), context);
    parser.parse();
    List<Problem> problems = new ArrayList<>(parser.problems());
    for (Token error : lexed.errors()) {
      problems.add(
          new Problem(
              SourceLocation.of(file, error.line(), error.column()),
              error.text() + "; the rest of the file is not read"));
    }
    return new Manifest(file, name(), Optional.empty(), parser.dependencies(), List.of(), problems);
  }
}
