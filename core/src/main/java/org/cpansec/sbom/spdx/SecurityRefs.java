package org.cpansec.sbom.spdx;

import java.util.ArrayList;
import java.util.List;
import org.cpansec.sbom.SbomVulnerability;

/** The URLs an SPDX SECURITY reference points at for one finding: each CVE, else the advisory's. */
final class SecurityRefs {
  static final String NVD = "https://nvd.nist.gov/vuln/detail/";

  private SecurityRefs() {}

  static List<String> urls(SbomVulnerability v) {
    List<String> urls = new ArrayList<>();
    v.cves().forEach(cve -> urls.add(NVD + cve));
    if (urls.isEmpty()) {
      urls.addAll(v.references().stream().limit(1).toList());
    }
    if (urls.isEmpty()) {
      urls.add("https://github.com/briandfoy/cpan-security-advisory/search?q=" + v.id());
    }
    return urls;
  }
}
