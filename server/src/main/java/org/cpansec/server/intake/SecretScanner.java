package org.cpansec.server.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Spots text that looks like a secret (a private key, an API token, a password assignment) so the
 * form can warn the reporter before it is stored. A hint, not a guarantee: it names what it saw,
 * never echoes the secret itself.
 */
public final class SecretScanner {
  private record Rule(String what, Pattern pattern) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
          new Rule(
              "a GitHub token",
              Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")),
          new Rule("an AWS access key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
          new Rule("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
          new Rule("a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}")),
          new Rule(
              "a bearer token",
              Pattern.compile("(?i)\\bauthorization:\\s*bearer\\s+[A-Za-z0-9._~+/=-]{20,}")),
          new Rule(
              "a password",
              Pattern.compile(
                  "(?i)\\b(password|passwd|pwd|secret|api[_-]?key)\\s*[:=]\\s*\\S{4,}")));

  private SecretScanner() {}

  /** What kinds of secret the texts seem to contain; empty when none. */
  public static List<String> scan(String... texts) {
    List<String> found = new ArrayList<>();
    for (Rule r : RULES) {
      for (String t : texts) {
        if (t != null && r.pattern.matcher(t).find() && !found.contains(r.what)) {
          found.add(r.what);
        }
      }
    }
    return found;
  }
}
