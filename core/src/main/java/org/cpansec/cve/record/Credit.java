package org.cpansec.cve.record;

import java.util.Objects;

/** A credit: its CVE credit type ({@code finder}, {@code coordinator}, …), who, and language. */
public record Credit(String type, String value, String lang) {
  public Credit {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(lang, "lang");
  }
}
