package org.cpansec.advisory;

import java.util.ArrayList;
import java.util.List;

/**
 * A distribution's releases, kept as raw text until first asked for: parsing 21,000 versions is
 * most of a load, and most commands need the releases of a few distributions only.
 */
public final class ReleaseList {
  private final List<String[]> raw;
  private volatile List<Release> parsed;

  /** Each raw row is {version text or null, date or null, perl release or null}. */
  public ReleaseList(List<String[]> raw) {
    this.raw = List.copyOf(raw);
  }

  public static ReleaseList of(List<Release> releases) {
    ReleaseList list = new ReleaseList(List.of());
    list.parsed = releases.stream().sorted(Release.BY_VERSION).toList();
    return list;
  }

  public int size() {
    return parsed != null ? parsed.size() : raw.size();
  }

  public List<Release> releases() {
    List<Release> result = parsed;
    if (result == null) {
      List<Release> list = new ArrayList<>(raw.size());
      for (String[] row : raw) {
        list.add(Release.of(row[0], row[1], row[2]));
      }
      list.sort(Release.BY_VERSION);
      result = List.copyOf(list);
      parsed = result;
    }
    return result;
  }
}
