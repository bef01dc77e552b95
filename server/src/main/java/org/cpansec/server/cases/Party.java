package org.cpansec.server.cases;

/** The kind of external party a case's link is for. */
public enum Party {
  /** The reporter; their grant is the tracking token of their report. */
  REPORTER("reporter"),
  MAINTAINER("maintainer"),
  PERL_SECURITY("perl security team"),
  OTHER("other party");

  private final String text;

  Party(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
