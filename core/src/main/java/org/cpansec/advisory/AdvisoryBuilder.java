package org.cpansec.advisory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects an {@link Advisory}'s values while a reader walks its source. Not thread-safe. */
public final class AdvisoryBuilder {
  private final String id;
  private String distribution;
  private final List<String> aliases = new ArrayList<>();
  private final List<AdvisoryRange> affected = new ArrayList<>();
  private final List<AdvisoryRange> fixed = new ArrayList<>();
  private Severity severity = Severity.NONE;
  private final List<String> cvss = new ArrayList<>();
  private final List<String> cwes = new ArrayList<>();
  private String title;
  private String description;
  private final List<Reference> references = new ArrayList<>();
  private String reported;
  private String published;
  private String modified;
  private final List<Credit> credits = new ArrayList<>();
  private ThirdParty thirdParty;
  private String comment;
  // Sets beside the lists: an id repeated hundreds of times (one entry per embedded-library
  // release) must not make merging quadratic.
  private final java.util.Set<Origin> originSet = new java.util.HashSet<>();
  private final java.util.Set<String> referenceUrls = new java.util.HashSet<>();
  private final List<Origin> origins = new ArrayList<>();
  private final Map<String, String> extra = new LinkedHashMap<>();

  AdvisoryBuilder(String id, String distribution) {
    this.id = id;
    this.distribution = distribution;
  }

  static AdvisoryBuilder from(Advisory a) {
    AdvisoryBuilder b = new AdvisoryBuilder(a.id(), a.distribution());
    b.aliases.addAll(a.aliases());
    b.affected.addAll(a.affected());
    b.fixed.addAll(a.fixed());
    b.severity = a.severity();
    b.cvss.addAll(a.cvss());
    b.cwes.addAll(a.cwes());
    b.title = a.title();
    b.description = a.description();
    a.references().forEach(b::reference);
    b.reported = a.reported();
    b.published = a.published();
    b.modified = a.modified();
    b.credits.addAll(a.credits());
    b.thirdParty = a.thirdParty();
    b.comment = a.comment();
    a.origins().forEach(b::origin);
    b.extra.putAll(a.extra());
    return b;
  }

  public AdvisoryBuilder distribution(String v) {
    distribution = v;
    return this;
  }

  public AdvisoryBuilder alias(String v) {
    if (!v.equals(id) && !aliases.contains(v)) {
      aliases.add(v);
    }
    return this;
  }

  public AdvisoryBuilder affected(AdvisoryRange r) {
    if (!affected.contains(r)) {
      affected.add(r);
    }
    return this;
  }

  /** Replaces the affected list (a CNA record is authoritative for ranges). */
  public AdvisoryBuilder replaceAffected(List<AdvisoryRange> ranges) {
    affected.clear();
    ranges.forEach(this::affected);
    return this;
  }

  public AdvisoryBuilder fixed(AdvisoryRange r) {
    if (!fixed.contains(r)) {
      fixed.add(r);
    }
    return this;
  }

  public AdvisoryBuilder severity(Severity v) {
    severity = v;
    return this;
  }

  public AdvisoryBuilder cvss(String v) {
    if (!cvss.contains(v)) {
      cvss.add(v);
    }
    return this;
  }

  public AdvisoryBuilder cwe(String v) {
    if (!cwes.contains(v)) {
      cwes.add(v);
    }
    return this;
  }

  public AdvisoryBuilder title(String v) {
    title = v;
    return this;
  }

  public AdvisoryBuilder description(String v) {
    description = v;
    return this;
  }

  public AdvisoryBuilder reference(Reference r) {
    if (referenceUrls.add(r.url())) {
      references.add(r);
    }
    return this;
  }

  public AdvisoryBuilder reported(String v) {
    reported = v;
    return this;
  }

  public AdvisoryBuilder published(String v) {
    published = v;
    return this;
  }

  public AdvisoryBuilder modified(String v) {
    modified = v;
    return this;
  }

  public AdvisoryBuilder credit(Credit c) {
    if (!credits.contains(c)) {
      credits.add(c);
    }
    return this;
  }

  public AdvisoryBuilder thirdParty(ThirdParty v) {
    thirdParty = v;
    return this;
  }

  public AdvisoryBuilder comment(String v) {
    comment = v;
    return this;
  }

  public AdvisoryBuilder origin(Origin o) {
    if (originSet.add(o)) {
      origins.add(o);
    }
    return this;
  }

  public AdvisoryBuilder extra(String field, String rawJson) {
    extra.put(field, rawJson);
    return this;
  }

  public Advisory build() {
    if (origins.isEmpty()) {
      throw new IllegalStateException("advisory " + id + " has no origin");
    }
    return new Advisory(
        id,
        aliases,
        distribution,
        affected,
        fixed,
        severity,
        cvss,
        cwes,
        title,
        description,
        references,
        reported,
        published,
        modified,
        credits,
        thirdParty,
        comment,
        origins,
        extra);
  }
}
