package org.cpansec.advisory;

/** The kinds of oddity {@code db lint} reports; each is kept visible, never silently dropped. */
public enum LintKind {
  UNPARSEABLE_RANGE("a range that does not parse (treated as unknown)"),
  BARE_VERSION("a bare or '=X' version: exactly that version, often meant as 'up to'"),
  IMPOSSIBLE_RANGE("a range no version can satisfy (e.g. ==a,==b)"),
  RANGE_MATCHES_NO_RELEASE("an affected range that matches none of the known releases"),
  FIXED_OVERLAPS_AFFECTED("a version that is both affected and fixed"),
  DUPLICATE_ID_DIFFERENT_CONTENT("one id, several entries that differ beyond their ranges"),
  ID_NAMES_OTHER_DISTRIBUTION("an id that does not start with CPANSA-<its distribution>-"),
  NON_CVE_IN_CVES("a string in 'cves' that is not a CVE id"),
  MISSING_DATE("no reported or published date"),
  INVALID_DATE("a date that is not an ISO-8601 date or timestamp"),
  UNPARSEABLE_RELEASE_VERSION("a release whose version version.pm rejects, or none"),
  NUMERIC_RELEASE_VERSION("a release version written as a JSON number, not a string"),
  NONSTANDARD_SEVERITY("a severity word outside low/medium/high/critical"),
  INVALID_REFERENCE_URL("a reference that is not a valid URI (exports percent-encode it)"),
  UNKNOWN_FIELD("a field the model has no slot for (kept as raw JSON)"),
  SOURCE_CONFLICT("two sources disagree about the same advisory");

  private final String meaning;

  LintKind(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }

  /** The kebab-case name used in text and JSON output. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
