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

  /**
   * Starts rendering a one-component document in the background, so that loading the writer's
   * classes (about 1,000 for cyclonedx-core-java's Jackson set-up) overlaps with reading the
   * manifests; on a cold JVM this is most of the writer's cost. Returns at once.
   */
  public void warmUp() {
    Thread t = new Thread(() -> writer().write(sample()), "sbom-writer-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static org.cpansec.sbom.SbomDocument sample() {
    var c =
        new org.cpansec.sbom.SbomComponent(
            "pkg:cpan/A/B@1",
            "B",
            java.util.Optional.of("1"),
            java.util.Optional.of("pkg:cpan/A/B@1"),
            java.util.Optional.of("b"),
            java.util.List.of("A <a@example.org>"),
            java.util.Optional.of("MIT"),
            java.util.Optional.of("0".repeat(64)),
            java.util.List.of("B"),
            java.util.List.of("runtime"),
            java.util.Optional.empty(),
            java.util.List.of(
                new org.cpansec.sbom.SbomLink(
                    org.cpansec.sbom.SbomLink.Kind.DOWNLOAD, "https://example.org/B-1.tar.gz")));
    return new org.cpansec.sbom.SbomDocument(
        c,
        java.util.List.of(c),
        java.util.Map.of(c.ref(), java.util.List.of()),
        java.util.List.of(),
        // A constant stamp: a name-based one would load the JDK's digest providers here.
        new org.cpansec.sbom.SbomStamp(
            new java.util.UUID(0, 0), org.cpansec.sbom.SbomStamp.REPRODUCIBLE_TIME),
        "warm-up");
  }

  public SbomWriter writer() {
    return switch (this) {
      case CYCLONEDX_JSON -> new CycloneDxWriter(CycloneDxWriter.Encoding.JSON);
      case CYCLONEDX_XML -> new CycloneDxWriter(CycloneDxWriter.Encoding.XML);
      case SPDX_JSON -> new SpdxJsonWriter();
    };
  }
}
