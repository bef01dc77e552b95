package org.cpansec.cli.sbom;

import org.cpansec.sbom.SbomWriter;
import org.cpansec.sbom.cyclonedx.CycloneDxWriter;
import org.cpansec.sbom.spdx.SpdxJsonWriter;

/** The values of {@code sbom --format}, each with its writer. */
public enum SbomFormat {
  CYCLONEDX_JSON("cyclonedx-json"),
  CYCLONEDX_XML("cyclonedx-xml"),
  SPDX_JSON("spdx-json");

  private final String label;

  SbomFormat(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }

  /** The format named {@code label} as written on the command line. */
  public static SbomFormat of(String label) {
    for (SbomFormat f : values()) {
      if (f.label.equals(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "'" + label + "' (expected cyclonedx-json, cyclonedx-xml or spdx-json)");
  }

  public SbomWriter writer() {
    return switch (this) {
      case CYCLONEDX_JSON -> new CycloneDxWriter(CycloneDxWriter.Encoding.JSON);
      case CYCLONEDX_XML -> new CycloneDxWriter(CycloneDxWriter.Encoding.XML);
      case SPDX_JSON -> new SpdxJsonWriter();
    };
  }
}
