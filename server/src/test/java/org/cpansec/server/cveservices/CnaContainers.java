package org.cpansec.server.cveservices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.record.CnaRecordReader;

/** Valid CNA containers for tests, built by core from a small CNA YAML record. */
public final class CnaContainers {
  private CnaContainers() {}

  /** A schema-valid CNA container for {@code cveId}, titled after {@code version}. */
  public static ObjectNode valid(String cveId, String version) {
    String yaml =
        """
        cpansec:
          cve: %s
          distribution: Acme-Example
          module: Acme::Example
          author: EXAMPLE
          affected:
            - "< %s"
          title: Acme::Example versions before %s for Perl allow a test of the stand-in
          description: |
            Acme::Example versions before %s for Perl allow a test of the stand-in, which is
            long enough to be a description of a vulnerability in a test.
          solution: Upgrade to %s or later.
          references:
            - link: https://metacpan.org/release/EXAMPLE/Acme-Example-%s/changes
        """
            .formatted(cveId, version, version, version, version, version);
    try {
      return new CveJsonBuilder(BuildOptions.defaults())
          .cnaContainer(CnaRecordReader.read(cveId + ".yaml", yaml).record());
    } catch (Exception e) {
      throw new IllegalStateException("the test record does not build: " + e.getMessage(), e);
    }
  }
}
