package org.cpansec.sbom;

/** Renders an {@link SbomDocument} in one output format. */
public interface SbomWriter {
  /** The whole document as text, ending with a newline. */
  String write(SbomDocument document);
}
