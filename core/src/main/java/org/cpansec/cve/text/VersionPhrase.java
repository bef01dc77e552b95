package org.cpansec.cve.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cpansec.cve.record.AffectedRange;

/**
 * Version phrases, as the announcement and titles use them: {@code <= 1.0} is "through 1.0", {@code
 * 1.2 < 1.3} is "from 1.2 before 1.3", {@code 1.2 < *} is "from 1.2", a bare version is itself.
 * Versions keep the spelling of the record.
 */
public final class VersionPhrase {
  private VersionPhrase() {}

  public static String of(AffectedRange r) {
    if (r.exact()) {
      return r.expression();
    }
    String to = r.to().orElseThrow();
    return phrase(r.from().orElse(null), to, r.inclusive());
  }

  /** The phrase of a CVE JSON {@code versions[]} entry; empty for non-custom version types. */
  public static String of(JsonNode version) {
    if (!"custom".equals(version.path("versionType").asText())) {
      return "";
    }
    String from = version.path("version").asText("");
    String low = from.isEmpty() || from.equals("0") ? null : from;
    if (version.hasNonNull("lessThanOrEqual")) {
      return phrase(low, version.get("lessThanOrEqual").asText(), true);
    }
    if (version.hasNonNull("lessThan")) {
      return phrase(low, version.get("lessThan").asText(), false);
    }
    return from;
  }

  /** "versions " + the phrases joined by ", ": the value of {@code {{VERSION_RANGE}}}. */
  public static String versionRange(List<AffectedRange> affected) {
    List<String> phrases = new ArrayList<>();
    for (AffectedRange r : affected) {
      phrases.add(of(r));
    }
    return "versions " + String.join(", ", phrases);
  }

  private static String phrase(String from, String to, boolean inclusive) {
    if (from != null && to.equals("*")) {
      return "from " + from;
    }
    String upper = (inclusive ? "through " : "before ") + to;
    return from == null ? upper : "from " + from + " " + upper;
  }
}
