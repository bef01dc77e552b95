package org.cpansec.advisory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one contract of the source formats: read a file (or a directory of them) into a batch. Bad
 * shape is an {@link AdvisoryFormatException} naming file and place; oddities inside a well-shaped
 * source are findings in the batch, never dropped.
 */
public interface AdvisoryReader {
  AdvisoryBatch read(Path fileOrDirectory) throws IOException;
}
