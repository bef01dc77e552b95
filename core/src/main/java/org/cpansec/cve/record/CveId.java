package org.cpansec.cve.record;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CVE identifier, {@code CVE-YYYY-NNNN…} (4 to 19 digits after the year). */
public record CveId(String value) implements Comparable<CveId> {
  private static final Pattern PREFIX = Pattern.compile("^CVE-[0-9]{4}-[0-9]{4,19}(?![0-9])");
  private static final Pattern FORMAT = Pattern.compile("CVE-([0-9]{4})-([0-9]{4,19})");

  public CveId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "CVE id", value, "is not a CVE id (expected CVE-YYYY-NNNN, 4 to 19 digits at the end)");
    }
  }

  public static CveId of(String value) {
    return new CveId(value);
  }

  /** The CVE id a text starts with ({@code CVE-2025-40916-fix-typo} → CVE-2025-40916), if any. */
  public static java.util.Optional<CveId> prefixOf(String text) {
    Matcher m = PREFIX.matcher(text);
    return m.find() ? java.util.Optional.of(new CveId(m.group())) : java.util.Optional.empty();
  }

  public int year() {
    return Integer.parseInt(value.substring(4, 8));
  }

  @Override
  public int compareTo(CveId other) {
    int byYear = Integer.compare(year(), other.year());
    if (byYear != 0) {
      return byYear;
    }
    String a = value.substring(9);
    String b = other.value.substring(9);
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  @Override
  public String toString() {
    return value;
  }
}
