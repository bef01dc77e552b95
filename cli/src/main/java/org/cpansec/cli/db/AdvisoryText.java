package org.cpansec.cli.db;

import java.io.PrintWriter;
import java.util.List;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryRange;

/** The CLI's text view of advisories, for people. */
final class AdvisoryText {
  private AdvisoryText() {}

  static void full(Advisory a, PrintWriter out) {
    out.println(a.id());
    line(out, "distribution", a.distribution());
    line(out, "aliases", String.join(", ", a.aliases()));
    String sev = a.severity().level().label();
    if (a.severity().isNonStandard()) {
      sev += " (source says '" + a.severity().original() + "')";
    }
    line(out, "severity", sev);
    line(out, "affected", ranges(a.affected()));
    line(out, "fixed", ranges(a.fixed()));
    line(out, "cvss", String.join(", ", a.cvss()));
    line(out, "cwes", String.join(", ", a.cwes()));
    line(out, "reported", a.reported());
    line(out, "published", a.published());
    line(out, "modified", a.modified());
    a.thirdPartyLibrary()
        .ifPresent(
            t ->
                line(
                    out,
                    t.embedded() ? "embedded lib" : "external lib",
                    t.name()
                        + (t.distributedVersion() == null ? "" : " " + t.distributedVersion())));
    line(out, "title", a.title());
    line(out, "description", a.description() == null ? null : a.description().strip());
    a.references().forEach(r -> line(out, "reference", r.url() + " (" + r.kind() + ")"));
    a.credits().forEach(c -> line(out, "credit", c.name() + " (" + c.type() + ")"));
    line(out, "comment", a.comment() == null ? null : a.comment().strip());
    a.extra().forEach((k, v) -> line(out, "field " + k, v));
    a.origins().forEach(o -> line(out, "origin", o.source() + " " + o));
    out.println();
  }

  static String oneLine(Advisory a) {
    String text = a.title() != null ? a.title() : a.description() == null ? "" : a.description();
    text = text.strip().replaceAll("\\s+", " ");
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return String.format(
        "%s\t%s\t%s\t%s\t%s",
        a.id(), a.distribution(), String.join(",", a.cves()), a.severity().level().label(), text);
  }

  private static String ranges(List<AdvisoryRange> ranges) {
    StringBuilder sb = new StringBuilder();
    for (AdvisoryRange r : ranges) {
      sb.append(sb.length() == 0 ? "" : " OR ").append(r.text());
      r.problem().ifPresent(p -> sb.append(" [unparseable: ").append(p).append(']'));
    }
    return sb.toString();
  }

  private static void line(PrintWriter out, String label, String value) {
    if (value != null && !value.isEmpty()) {
      out.printf("  %-13s %s%n", label, value.replace("\n", "\n                "));
    }
  }
}
