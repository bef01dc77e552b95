package org.cpansec.advisory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cpansec.version.PerlVersion;

/**
 * One advisory about one distribution, whatever source it came from. Affected and fixed lists are
 * ORs of ranges; dates are ISO-8601 text as given ({@code null} when the source has none); {@code
 * origins} lists every source entry merged into it; {@code extra} keeps fields no model slot fits,
 * as raw JSON, so nothing is lost.
 */
public record Advisory(
    String id,
    List<String> aliases,
    String distribution,
    List<AdvisoryRange> affected,
    List<AdvisoryRange> fixed,
    Severity severity,
    List<String> cvss,
    List<String> cwes,
    String title,
    String description,
    List<Reference> references,
    String reported,
    String published,
    String modified,
    List<Credit> credits,
    ThirdParty thirdParty,
    String comment,
    List<Origin> origins,
    Map<String, String> extra) {

  public Advisory {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(severity, "severity");
    aliases = List.copyOf(aliases);
    affected = List.copyOf(affected);
    fixed = List.copyOf(fixed);
    cvss = List.copyOf(cvss);
    cwes = List.copyOf(cwes);
    references = List.copyOf(references);
    credits = List.copyOf(credits);
    origins = List.copyOf(origins);
    extra = Map.copyOf(extra);
  }

  public static AdvisoryBuilder builder(String id, String distribution) {
    return new AdvisoryBuilder(id, distribution);
  }

  /** A builder holding this advisory's values, to derive a changed copy. */
  public AdvisoryBuilder toBuilder() {
    return AdvisoryBuilder.from(this);
  }

  /** CVE ids among the aliases. */
  public List<String> cves() {
    return aliases.stream().filter(a -> a.startsWith("CVE-")).toList();
  }

  /** The first origin: where this advisory was first read. */
  public Origin origin() {
    return origins.get(0);
  }

  public Optional<ThirdParty> thirdPartyLibrary() {
    return Optional.ofNullable(thirdParty);
  }

  /** Whether any affected range contains the version (unparseable ranges contain nothing). */
  public boolean affects(PerlVersion version) {
    for (AdvisoryRange r : affected) {
      if (r.contains(version)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some affected range could not be parsed: the answer for any version is unknown. */
  public boolean hasUnparseableRange() {
    return affected.stream().anyMatch(r -> r.range().isEmpty());
  }

  /** Whether the id or one of the aliases is {@code name} (case-insensitive). */
  public boolean isNamed(String name) {
    return id.equalsIgnoreCase(name) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
  }
}
