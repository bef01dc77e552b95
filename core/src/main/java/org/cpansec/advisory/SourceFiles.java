package org.cpansec.advisory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files a reader reads: the one named, or every file of a directory with a suffix. */
public final class SourceFiles {
  private SourceFiles() {}

  /** {@code fileOrDir} itself, or its files ending in {@code suffix}, in name order. */
  public static List<Path> of(Path fileOrDir, String suffix) throws IOException {
    if (!Files.isDirectory(fileOrDir)) {
      return List.of(fileOrDir);
    }
    try (Stream<Path> s = Files.list(fileOrDir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
