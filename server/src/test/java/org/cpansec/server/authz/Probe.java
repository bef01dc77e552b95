package org.cpansec.server.authz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filling a probe's placeholders from a case (or from nothing that exists), finding canaries in an
 * answer, and comparing an answer with the answer for a case that does not exist.
 */
final class Probe {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private static final Pattern CSRF_VALUE =
      Pattern.compile("(name=\"_csrf\" value=\"|content=\")[A-Za-z0-9_=+/-]{20,}\"");
  private static final Pattern HEADER = Pattern.compile("(?s)<header.*?</header>");

  /** A canary found in an answer: which case, which field. */
  record Found(int caseIndex, String field) {}

  private final Pattern canary;

  Probe(String run) {
    this.canary = Pattern.compile("CNRY" + run + "k(\\d+)x([a-z]+)");
  }

  /** The values a case gives the placeholders. */
  static Map<String, String> values(MatrixCase c, MatrixCase anchor, long member) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("ref", c.ref());
    v.put("cve", c.cve());
    v.put("att", Long.toString(c.attachmentId()));
    v.put("reportatt", Long.toString(c.reportAttachmentId()));
    v.put("report", Long.toString(c.reportId()));
    v.put("token", c.maintainerToken());
    v.put("reporter", c.reporterToken());
    v.put("revoked", c.revokedToken());
    v.put("grant", Long.toString(c.maintainerGrantId()));
    v.put("comment", Long.toString(c.privateCommentId()));
    v.put("title", c.title());
    v.put("dist", c.dist());
    v.put("anchor", anchor.ref());
    v.put("member", Long.toString(member));
    return v;
  }

  /** The same placeholders naming nothing that exists (the anchor and member stay). */
  static Map<String, String> missing(Map<String, String> real) {
    Map<String, String> v = new LinkedHashMap<>(real);
    v.put("ref", "CPANSEC-2026-999999");
    v.put("cve", "CVE-2026-9999999");
    for (String k : List.of("att", "reportatt", "report", "grant", "comment")) {
      v.put(k, "987654321");
    }
    for (String k : List.of("token", "reporter", "revoked")) {
      v.put(k, "Zz0" + "q".repeat(40));
    }
    v.put("title", "NoSuchWordQq");
    v.put("dist", "No-Such-Dist-Qq");
    return v;
  }

  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder s = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("no value for " + m.group() + " in " + template);
      }
      m.appendReplacement(s, Matcher.quoteReplacement(v));
    }
    m.appendTail(s);
    return s.toString();
  }

  static boolean hasPlaceholders(String template) {
    return PLACEHOLDER.matcher(template).find();
  }

  /** The placeholders a template uses. */
  static Set<String> placeholders(String template) {
    Set<String> names = new HashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The canaries in everything the viewer received — except those the request itself carried (a
   * search word echoed back is no leak; whether the answer differs is checked separately).
   */
  List<Found> canaries(Answer a, String request) {
    String text = a.everything();
    Matcher asked = canary.matcher(request);
    while (asked.find()) {
      text = text.replace(asked.group(), "(asked)");
    }
    List<Found> found = new ArrayList<>();
    Matcher m = canary.matcher(text);
    while (m.find()) {
      found.add(new Found(Integer.parseInt(m.group(1)), m.group(2)));
    }
    return found;
  }

  /**
   * The answer as a viewer could compare it with another: status, where it redirects and the body,
   * with the values the probe asked for replaced by their placeholder's name, and without what
   * differs on every page (CSRF tokens; the header naming the signed-in member). A number is
   * replaced only where the URL holds it ({@code /7}, {@code report=7}), not in "scale=1".
   */
  static String shape(Answer a, Map<String, String> values, String template) {
    String body = HEADER.matcher(a.text()).replaceAll("<header/>");
    body = CSRF_VALUE.matcher(body).replaceAll("$1(csrf)\"");
    String location = a.header("Location");
    for (String key : placeholders(template)) {
      String value = values.get(key);
      String before = value.matches("\\d+") ? numberBefore(template, key) : "(?<![A-Za-z0-9])";
      Pattern exact = Pattern.compile(before + Pattern.quote(value) + "(?![A-Za-z0-9])");
      String name = Matcher.quoteReplacement("{" + key + "}");
      body = exact.matcher(body).replaceAll(name);
      location = exact.matcher(location).replaceAll(name);
    }
    return a.status() + " " + location + "\n" + body;
  }

  /**
   * Where a number the probe asked for stands: after "/" in a path, or after its parameter's "=".
   */
  private static String numberBefore(String template, String key) {
    Matcher param = Pattern.compile("([A-Za-z]+)=\\{" + key + "}").matcher(template);
    return param.find() ? "(?<=" + param.group(1) + "=)" : "(?<=/)";
  }
}
