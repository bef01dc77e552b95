package org.cpansec.sbom.spdx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.cpansec.sbom.SbomComponent;

/** SPDX element ids ({@code SPDXRef-[A-Za-z0-9.-]+}), one per component ref, unique. */
final class Ids {
  private final Map<String, String> byRef = new HashMap<>();
  private final Set<String> used = new HashSet<>();

  String of(SbomComponent c) {
    return byRef.computeIfAbsent(c.ref(), ref -> fresh("SPDXRef-Package-" + clean(c.label())));
  }

  String of(String ref) {
    String id = byRef.get(ref);
    if (id == null) {
      throw new IllegalArgumentException("no SPDX id for unknown ref " + ref);
    }
    return id;
  }

  private String fresh(String base) {
    String id = base;
    for (int n = 2; !used.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** Characters SPDX ids and namespace paths allow; anything else becomes '-'. */
  String clean(String text) {
    return text.replaceAll("[^A-Za-z0-9.-]+", "-");
  }
}
