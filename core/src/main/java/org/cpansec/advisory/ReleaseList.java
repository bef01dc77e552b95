package org.cpansec.advisory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A distribution's releases, kept as raw text until first asked for: parsing 21,000 versions is
 * most of a load, and most commands need the releases of a few distributions only.
 */
public final class ReleaseList {
  private final int size;
  private final Supplier<List<String[]>> raw;
  private volatile List<Release> parsed;

  /** Each raw row is {version text or null, date or null, perl release or null}. */
  public ReleaseList(List<String[]> raw) {
    List<String[]> rows = List.copyOf(raw);
    this.size = rows.size();
    this.raw = () -> rows;
  }

  /** Rows decoded only when first needed (the compact form); {@code size} is their number. */
  public ReleaseList(int size, Supplier<List<String[]>> raw) {
    this.size = size;
    this.raw = raw;
  }

  public int size() {
    return size;
  }

  public List<Release> releases() {
    List<Release> result = parsed;
    if (result == null) {
      List<Release> list = new ArrayList<>(size);
      for (String[] row : raw.get()) {
        list.add(Release.of(row[0], row[1], row[2]));
      }
      list.sort(Release.BY_VERSION);
      result = List.copyOf(list);
      parsed = result;
    }
    return result;
  }
}
