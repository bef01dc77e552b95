package org.cpansec.manifest;

import java.nio.file.Path;

/**
 * Reads one kind of dependency manifest. {@link #accepts} is a cheap filter on the path alone (no
 * I/O) so a directory walk can ask every extractor about every file; {@link #extract} does the
 * reading, refusing input larger than the context's cap.
 */
public interface Extractor {

  /** A short, stable name of the format, e.g. {@code cpanfile} or {@code META.json}. */
  String name();

  /** True when {@code path}'s name says it is this format. */
  boolean accepts(Path path);

  /**
   * Reads the file. Problems inside the file are returned in the {@link Manifest}; a file that
   * cannot be read at all throws.
   *
   * @throws UnreadableManifestException when the file is missing, too large, binary or not this
   *     format at all
   */
  Manifest extract(Path file, ExtractContext context);
}
