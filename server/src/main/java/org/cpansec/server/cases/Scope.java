package org.cpansec.server.cases;

/** The triage's scope decision (CPANSEC-PROCESS.md §1–§2). */
public enum Scope {
  IN_SCOPE("in scope: a CPAN distribution or perl-ecosystem code"),
  OUT_OF_SCOPE("out of scope"),
  PERL_CORE("perl core: the perl security team triages; CPANSec still assigns the CVE"),
  UPSTREAM(
      "upstream: a third-party library shipped inside the distribution; forward it upstream (a CVE"
          + " may still be issued)");

  private final String text;

  Scope(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
