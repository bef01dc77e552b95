package org.cpansec.manifest.installed;

import java.nio.file.Path;

/** Told about each file as an installed-tree scan reads it (the CLI draws a progress bar). */
@FunctionalInterface
public interface Progress {
  Progress NONE = (done, total, current) -> {};

  /**
   * @param done files read so far, including {@code current}
   * @param total files to read in all
   */
  void fileRead(int done, int total, Path current);
}
