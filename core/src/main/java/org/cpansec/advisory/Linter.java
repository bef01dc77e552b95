package org.cpansec.advisory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.cpansec.version.Constraint;
import org.cpansec.version.PerlVersion;

/**
 * The checks {@code db lint} runs over a merged database, on top of what readers and merge found.
 */
final class Linter {
  private final AdvisoryDatabase db;
  private final List<LintFinding> out = new ArrayList<>();

  private Linter(AdvisoryDatabase db) {
    this.db = db;
  }

  static List<LintFinding> lint(AdvisoryDatabase db) {
    Linter linter = new Linter(db);
    db.all().forEach(linter::advisory);
    db.distributions().forEach(linter::releases);
    return linter.out;
  }

  private void add(LintKind kind, Origin where, String subject, String message) {
    out.add(new LintFinding(kind, where, subject, message));
  }

  private void advisory(Advisory a) {
    List<Release> releases = db.releases(a.distribution());
    ranges(a, "affected", a.affected(), releases);
    ranges(a, "fixed", a.fixed(), releases);
    overlap(a, releases);
    if (!a.id().startsWith("CPANSA-" + a.distribution() + "-") && a.id().startsWith("CPANSA-")) {
      add(
          LintKind.ID_NAMES_OTHER_DISTRIBUTION,
          a.origin(),
          a.id(),
          "id does not start with CPANSA-" + a.distribution() + "-");
    }
    if (a.reported() == null && a.published() == null) {
      add(LintKind.MISSING_DATE, a.origin(), a.id(), "no reported or published date");
    }
    dates(a);
    if (a.severity().isNonStandard()) {
      add(
          LintKind.NONSTANDARD_SEVERITY,
          a.origin(),
          a.id(),
          "severity '" + a.severity().original() + "' read as " + a.severity().level().label());
    }
    a.references().stream()
        .filter(Reference::needsEncoding)
        .forEach(
            r ->
                add(
                    LintKind.INVALID_REFERENCE_URL,
                    a.origin(),
                    a.id(),
                    "'" + r.url() + "' is not a valid URI; exported as " + r.encodedUrl()));
    a.extra()
        .keySet()
        .forEach(
            f -> add(LintKind.UNKNOWN_FIELD, a.origin(), a.id(), "field '" + f + "' kept raw"));
  }

  private void dates(Advisory a) {
    String[][] dates = {
      {"reported", a.reported()}, {"published", a.published()}, {"modified", a.modified()}
    };
    for (String[] d : dates) {
      if (d[1] != null && !isIsoDate(d[1])) {
        add(
            LintKind.INVALID_DATE,
            a.origin(),
            a.id(),
            d[0] + " date '" + d[1] + "' is not ISO-8601");
      }
    }
  }

  /** A calendar date ({@code 2025-07-16}) or a timestamp, with or without offset. */
  static boolean isIsoDate(String text) {
    try {
      if (text.length() == 10) {
        java.time.LocalDate.parse(text);
      } else {
        java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(text);
      }
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false; // the caller reports it as a finding
    }
  }

  private void ranges(Advisory a, String list, List<AdvisoryRange> ranges, List<Release> rel) {
    for (AdvisoryRange r : ranges) {
      String what = list + " range '" + r.text() + "'";
      if (r.problem().isPresent()) {
        add(LintKind.UNPARSEABLE_RANGE, a.origin(), a.id(), what + ": " + r.problem().get());
        continue;
      }
      if (r.isBareOrSingleEquals()) {
        add(LintKind.BARE_VERSION, a.origin(), a.id(), what + " means exactly that version");
      }
      if (r.range().get().isEmpty()) {
        add(LintKind.IMPOSSIBLE_RANGE, a.origin(), a.id(), what + " can match no version");
      } else if (list.equals("affected")
          && rel.stream().anyMatch(Release::isParsed)
          && rel.stream().noneMatch(x -> x.isParsed() && r.contains(x.version().get()))) {
        add(
            LintKind.RANGE_MATCHES_NO_RELEASE,
            a.origin(),
            a.id(),
            what + " matches none of the " + rel.size() + " known releases");
      }
    }
  }

  /** Probes every known release and every range end point: none may be affected and fixed. */
  private void overlap(Advisory a, List<Release> releases) {
    if (a.fixed().isEmpty()) {
      return;
    }
    TreeSet<PerlVersion> probes = new TreeSet<>();
    releases.forEach(r -> r.version().ifPresent(probes::add));
    for (AdvisoryRange r : a.affected()) {
      r.range()
          .ifPresent(v -> v.constraints().stream().map(Constraint::version).forEach(probes::add));
    }
    for (AdvisoryRange r : a.fixed()) {
      r.range()
          .ifPresent(v -> v.constraints().stream().map(Constraint::version).forEach(probes::add));
    }
    for (PerlVersion v : probes) {
      if (a.affects(v) && a.fixed().stream().anyMatch(f -> f.contains(v))) {
        add(
            LintKind.FIXED_OVERLAPS_AFFECTED,
            a.origin(),
            a.id(),
            "version " + v + " is in affected " + a.affected() + " and in fixed " + a.fixed());
        return;
      }
    }
  }

  private void releases(String dist) {
    for (Release r : db.releases(dist)) {
      if (!r.isParsed()) {
        add(
            LintKind.UNPARSEABLE_RELEASE_VERSION,
            db.releaseOrigin(dist),
            dist,
            String.format(
                Locale.ROOT,
                "release '%s'%s: %s",
                r.text(),
                r.date().map(d -> " of " + d).orElse(""),
                r.problem().orElse("")));
      }
    }
  }
}
