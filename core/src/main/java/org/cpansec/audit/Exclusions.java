package org.cpansec.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cpansec.advisory.Advisory;

/**
 * The advisories a project ignores. An expired exclusion stops ignoring and is reported, so a
 * temporary decision cannot silently become permanent.
 */
public final class Exclusions {

  public static final Exclusions NONE = new Exclusions(List.of(), LocalDate.MIN);

  private final List<Exclusion> active = new ArrayList<>();
  private final List<Exclusion> expired = new ArrayList<>();
  private final Set<String> used = new TreeSet<>();

  public Exclusions(List<Exclusion> exclusions, LocalDate today) {
    for (Exclusion e : exclusions) {
      (e.isExpired(today) ? expired : active).add(e);
    }
  }

  /** Whether the advisory is ignored; remembers which exclusions were used. */
  public synchronized boolean ignores(Advisory advisory) {
    for (Exclusion e : active) {
      if (advisory.isNamed(e.id())) {
        used.add(e.id());
        return true;
      }
    }
    return false;
  }

  public List<Exclusion> active() {
    return List.copyOf(active);
  }

  public List<Exclusion> expired() {
    return List.copyOf(expired);
  }

  /** Ids of active exclusions that matched at least one advisory. */
  public synchronized Set<String> used() {
    return Set.copyOf(used);
  }
}
