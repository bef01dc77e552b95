package org.cpansec.cve.record;

/** A value of a record (CVE id, PAUSE id, name) that breaks its format rule. */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidValueException(String what, String value, String rule) {
    super(what + " '" + value + "' " + rule);
  }
}
