package org.cpansec.server.cpanindex;

import java.util.ArrayList;
import java.util.List;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseRefusedException;
import org.cpansec.server.cases.Triage;
import org.cpansec.server.cases.Viewer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills a case's blast radius from the current CPAN index (the "Fill from CPAN index" button of the
 * case page): {@link BlastRadius#downstreamOf} of the case's distribution, stored through {@link
 * Triage#recordBlastRadius} as the lines of {@link BlastRadius.Result#summary()} (the import it
 * comes from, the counts, one line per dependent). A CNA member who sees the case asks; the cases'
 * audit entry names the import, this one the member.
 */
@Service
public class CaseBlastRadius {
  private final CaseAccess access;
  private final BlastRadius blastRadius;
  private final Triage triage;
  private final AuditLog audit;

  public CaseBlastRadius(
      CaseAccess access, BlastRadius blastRadius, Triage triage, AuditLog audit) {
    this.access = access;
    this.blastRadius = blastRadius;
    this.triage = triage;
    this.audit = audit;
  }

  /** What was stored: the import it came from and how many dependents it names. */
  public record Filled(long importId, String distribution, int runtime, int buildTest) {
    /** The notice shown on the case page. */
    public String notice() {
      int total = runtime + buildTest;
      return "Blast radius filled from the CPAN index (import #"
          + importId
          + "): "
          + (total == 0
              ? "no distribution depends on " + distribution + "."
              : total
                  + (total == 1 ? " distribution depends" : " distributions depend")
                  + " on "
                  + distribution
                  + " ("
                  + runtime
                  + " at runtime, "
                  + buildTest
                  + " only to build or test).");
    }
  }

  /**
   * Replaces the case's blast radius with what the current index says about its distribution.
   *
   * @throws org.cpansec.server.cases.CaseNotFoundException no such case, or not visible
   * @throws CaseRefusedException not a CNA member (403); no index, no distribution on the case, or
   *     a distribution the index does not know (409/422, the blast radius is left as it was)
   */
  @Transactional
  public Filled fill(String reference, Viewer viewer) {
    CaseRecord c = access.forCna(reference, viewer, "fill the blast radius");
    String dist = c.distribution() == null ? "" : c.distribution().strip();
    if (dist.isEmpty()) {
      throw new CaseRefusedException(
          CaseRefusedException.Kind.INVALID,
          "The case names no distribution, so the CPAN index cannot be asked: enter the blast"
              + " radius by hand.");
    }
    BlastRadius.Result r = blastRadius.downstreamOf(dist);
    if (!r.indexLoaded()) {
      throw new CaseRefusedException(
          CaseRefusedException.Kind.CONFLICT,
          "No CPAN index has been imported (an admin does it at /admin/cpan-index): enter the"
              + " blast radius by hand.");
    }
    if (!r.downstream().known()) {
      throw new CaseRefusedException(
          CaseRefusedException.Kind.INVALID,
          dist
              + " is not in the CPAN index (import #"
              + r.index().orElseThrow().id()
              + "): check the case's distribution, or enter the blast radius by hand.");
    }
    long importId = r.index().orElseThrow().id();
    triage.recordBlastRadius(
        c.id(), fitting(r.summary().lines().toList()), "CPAN index import #" + importId);
    Filled filled =
        new Filled(
            importId,
            r.downstream().distribution(),
            r.downstream().runtime().size(),
            r.downstream().buildTest().size());
    audit.append(
        viewer.actor(),
        "cpanindex.blast-radius",
        c.id(),
        "filled from CPAN index import #"
            + importId
            + ": "
            + (filled.runtime() + filled.buildTest())
            + " dependents");
    return filled;
  }

  /**
   * The lines that fit the blast-radius field (its limit is {@link Triage#MAX_BLAST_RADIUS}
   * characters); when they do not all fit, the last line says how many were left out.
   */
  static List<String> fitting(List<String> lines) {
    List<String> out = new ArrayList<>();
    int used = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      // Room for this line, its newline, and the closing note should a later one not fit.
      if (used + line.length() + 1 + 80 > Triage.MAX_BLAST_RADIUS) {
        out.add("... and " + (lines.size() - i) + " more lines not kept (the field is full).");
        return out;
      }
      out.add(line);
      used += line.length() + 1;
    }
    return out;
  }
}
