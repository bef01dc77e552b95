package org.cpansec.audit.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.Release;
import org.cpansec.audit.AuditReport;
import org.cpansec.audit.Exclusion;
import org.cpansec.audit.Finding;
import org.cpansec.audit.FindingKind;
import org.cpansec.manifest.Manifest;
import org.cpansec.manifest.Problem;
import org.cpansec.manifest.SourceLocation;

/** The audit for people: one block per finding, the fix last, a summary line at the end. */
public final class TextReport {

  private final PrintWriter out;
  private final Path base;
  private final boolean colour;

  /**
   * @param colour whether to use ANSI colour (the caller decides: a terminal, and no NO_COLOR)
   */
  public TextReport(PrintWriter out, Path base, boolean colour) {
    this.out = out;
    this.base = base;
    this.colour = colour;
  }

  public void write(AuditReport report) {
    for (Manifest m : report.manifests()) {
      for (Problem p : m.problems()) {
        out.println(paint("33", "problem") + " " + where(p.location()) + ": " + p.message());
      }
    }
    for (Exclusion e : report.exclusions().expired()) {
      out.println(
          paint("33", "expired ignore")
              + " "
              + e.id()
              + " ("
              + e.where()
              + ", expired "
              + e.expires().orElseThrow()
              + "): reported again");
    }
    for (Finding f : report.findings()) {
      finding(f);
    }
    out.println(summary(report));
  }

  private void finding(Finding f) {
    out.println();
    String what = f.distribution() + " " + f.dependency().version().written();
    String kind =
        switch (f.kind()) {
          case VULNERABLE -> paint("1;31", "vulnerable");
          case ALLOWS_VULNERABLE -> paint("1;33", "allows vulnerable versions");
          case UNKNOWN -> paint("1;35", "unknown");
        };
    out.println(paint("1", what) + "  " + kind + "  (" + where(f.dependency().source()) + ")");
    for (Advisory a : f.advisories()) {
      String cves = a.cves().isEmpty() ? "" : " (" + String.join(", ", a.cves()) + ")";
      out.println("  " + a.id() + cves + " [" + a.severity().level().label() + "] " + Titles.of(a));
    }
    List<Release> admitted = f.affectedReleases();
    if (!admitted.isEmpty()) {
      out.println(
          "  admits "
              + admitted.size()
              + " affected release"
              + (admitted.size() == 1 ? "" : "s")
              + ": "
              + (admitted.size() <= 6
                  ? admitted.stream().map(Release::text).collect(Collectors.joining(", "))
                  : admitted.get(0).text() + " … " + admitted.get(admitted.size() - 1).text()));
    }
    f.reason().ifPresent(r -> out.println("  why unknown: " + r));
    if (f.kind() != FindingKind.UNKNOWN) {
      out.println("  fix: " + f.advice());
    }
  }

  private String summary(AuditReport r) {
    if (r.findings().isEmpty()) {
      return "\n"
          + paint("32", "No known vulnerabilities")
          + " in "
          + r.dependencies()
          + " dependencies from "
          + r.manifests().size()
          + " manifest(s).";
    }
    return "\n"
        + r.count(FindingKind.VULNERABLE)
        + " vulnerable, "
        + r.count(FindingKind.ALLOWS_VULNERABLE)
        + " allowing vulnerable versions, "
        + r.count(FindingKind.UNKNOWN)
        + " unknown, in "
        + r.dependencies()
        + " dependencies from "
        + r.manifests().size()
        + " manifest(s)."
        + (r.problemCount() > 0 ? " " + r.problemCount() + " problem(s) reading them." : "");
  }

  private String where(SourceLocation at) {
    String file = Paths.show(at.file(), base);
    return at.line() > 0 ? file + ":" + at.line() : file;
  }

  private String paint(String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
