package org.cpansec.cve.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.record.CnaRecord;
import org.cpansec.cve.record.LoadedRecord;
import org.cpansec.cve.record.Reference;
import org.cpansec.cve.text.Prose;
import org.cpansec.cve.text.Templates;
import org.cpansec.cve.text.VersionPhrase;

/** The record-only lint rules of CPANSEC-PROCESS.md §7, with the group tool's rule ids. */
final class StandardRules {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\b(TODO|TBD|FIXME)\\b|example\\.invalid", Pattern.CASE_INSENSITIVE);
  private static final Pattern TITLE_VERSION_WORD =
      Pattern.compile("\\b(before|through|from|versions?)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern PERL = Pattern.compile("\\bPerl\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern METACPAN_CHANGES =
      Pattern.compile(
          "^https?://metacpan\\.org/.*(/changes?([/?#]|$)|/source/[^?#]+/(changes?|changelog|history|news)(\\.[A-Za-z0-9._-]+)?([?#]|$))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern METACPAN_PINNED =
      Pattern.compile(
          "^https?://metacpan\\.org/(release|source)/([^/?#]+/)?[^/?#]*-v?[0-9][^/?#]*(/|$).*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  private StandardRules() {}

  static List<LintRule> all() {
    return List.of(
        StandardRules::titleRepeated,
        StandardRules::templateTokens,
        StandardRules::leadWording,
        StandardRules::titleStyle,
        StandardRules::solutionOrMitigation,
        StandardRules::referenceQuality,
        StandardRules::metacpanChangesPinned,
        StandardRules::descriptionLength,
        StandardRules::placeholders,
        StandardRules::unofficialTags);
  }

  static List<LintFinding> titleRepeated(LoadedRecord l) {
    String title = Prose.singleLine(expanded(l.record().title(), l.record()));
    String first = firstLine(expanded(l.record().description(), l.record()));
    if (title.isEmpty() || !first.equalsIgnoreCase(title)) {
      return List.of();
    }
    return one(
        l,
        Severity.ERROR,
        "title_repeated_in_description",
        "description",
        "Title is repeated as the first line of description.");
  }

  static List<LintFinding> templateTokens(LoadedRecord l) {
    List<String> bad = new ArrayList<>();
    for (String field : List.of("title", "description")) {
      String raw = field.equals("title") ? l.record().title() : l.record().description();
      for (String token : Templates.unresolved(expanded(raw, l.record()))) {
        bad.add(field + ": " + token);
      }
    }
    return bad.isEmpty()
        ? List.of()
        : one(
            l,
            Severity.WARNING,
            "template_token_unresolved",
            "title",
            "Template token issue(s): " + String.join(", ", bad) + ".");
  }

  static List<LintFinding> leadWording(LoadedRecord l) {
    CnaRecord r = l.record();
    String expected =
        r.module().value() + " " + VersionPhrase.versionRange(r.affected()) + " for Perl";
    if (r.distribution().value().equalsIgnoreCase("perl")
        && r.module().value().equalsIgnoreCase("perl")) {
      expected = "Perl " + VersionPhrase.versionRange(r.affected());
    }
    Pattern lead = Pattern.compile("^" + Pattern.quote(expected) + "\\b", Pattern.CASE_INSENSITIVE);
    List<String> issues = new ArrayList<>();
    if (!lead.matcher(inline(expanded(r.title(), r))).find()) {
      issues.add("title");
    }
    if (!lead.matcher(inline(firstLine(expanded(r.description(), r)))).find()) {
      issues.add("description first line");
    }
    return issues.isEmpty()
        ? List.of()
        : one(
            l,
            Severity.WARNING,
            "announce_wording_mismatch",
            "title",
            "Announce wording guideline: "
                + String.join(" and ", issues)
                + " should start with '"
                + expected
                + "' to match announce version phrasing.");
  }

  static List<LintFinding> titleStyle(LoadedRecord l) {
    String title = expanded(l.record().title(), l.record()).strip();
    List<String> issues = new ArrayList<>();
    if (!PERL.matcher(title).find()) {
      issues.add("should mention Perl");
    }
    if (!TITLE_VERSION_WORD.matcher(title).find()) {
      issues.add("should include affected version context (e.g. before/through/from)");
    }
    if (title.endsWith(".") || title.endsWith("!") || title.endsWith("?")) {
      issues.add("should not end with punctuation");
    }
    return issues.isEmpty()
        ? List.of()
        : one(
            l,
            Severity.WARNING,
            "title_style_standard",
            "title",
            "Title style guideline: " + String.join("; ", issues) + ".");
  }

  static List<LintFinding> solutionOrMitigation(LoadedRecord l) {
    if (!l.record().solutions().isEmpty() || !l.record().mitigations().isEmpty()) {
      return List.of();
    }
    return one(
        l,
        Severity.WARNING,
        "missing_solution_or_mitigation",
        "",
        "Neither solution nor mitigation is provided.");
  }

  static List<LintFinding> referenceQuality(LoadedRecord l) {
    for (Reference ref : l.record().references()) {
      for (String tag : ref.tags()) {
        if (List.of("patch", "release-notes", "issue-tracking").contains(tag)) {
          return List.of();
        }
      }
    }
    return one(
        l,
        Severity.WARNING,
        "reference_quality",
        "references",
        "Reference quality guideline: no patch/release-notes/issue-tracking tag found.");
  }

  static List<LintFinding> metacpanChangesPinned(LoadedRecord l) {
    List<LintFinding> out = new ArrayList<>();
    List<Reference> refs = l.record().references();
    for (int i = 0; i < refs.size(); i++) {
      String url = refs.get(i).link();
      if (METACPAN_CHANGES.matcher(url).find() && !METACPAN_PINNED.matcher(url).matches()) {
        out.addAll(
            one(
                l,
                Severity.WARNING,
                "metacpan_changelog_not_version_pinned",
                "references/" + i,
                "MetaCPAN changelog reference should target a specific release"
                    + " changelog file, not "
                    + url
                    + "."));
      }
    }
    return out;
  }

  static List<LintFinding> descriptionLength(LoadedRecord l) {
    if (inline(l.record().description()).length() >= 80) {
      return List.of();
    }
    return one(
        l,
        Severity.WARNING,
        "description_too_short",
        "description",
        "Description is very short (under 80 characters); consider adding impact/context details.");
  }

  static List<LintFinding> placeholders(LoadedRecord l) {
    CnaRecord r = l.record();
    List<String> hits = new ArrayList<>();
    check(hits, "title", r.title());
    check(hits, "description", r.description());
    check(hits, "module", r.module().value());
    check(hits, "distribution", r.distribution().value());
    check(hits, "author", r.author().value().equals("AUTHOR") ? "TODO" : "");
    r.repo().ifPresent(repo -> check(hits, "repo", repo));
    r.affected().forEach(a -> check(hits, "affected", a.expression()));
    r.references().forEach(ref -> check(hits, "references", ref.link()));
    return hits.isEmpty()
        ? List.of()
        : one(
            l,
            Severity.ERROR,
            "placeholder_content",
            "",
            "Placeholder content found in: "
                + String.join(", ", hits.stream().distinct().toList())
                + ".");
  }

  static List<LintFinding> unofficialTags(LoadedRecord l) {
    List<LintFinding> out = new ArrayList<>();
    List<Reference> refs = l.record().references();
    for (int i = 0; i < refs.size(); i++) {
      for (String tag : CveJsonBuilder.unofficialTags(refs.get(i))) {
        out.addAll(
            one(
                l,
                Severity.WARNING,
                "reference_tag_not_in_cve",
                "references/" + i + "/tags",
                "Tag '" + tag + "' is not a CVE reference tag; the CVE JSON leaves it out."));
      }
    }
    return out;
  }

  private static void check(List<String> hits, String field, String text) {
    if (PLACEHOLDER.matcher(text).find()) {
      hits.add(field);
    }
  }

  private static List<LintFinding> one(
      LoadedRecord l, Severity severity, String rule, String field, String message) {
    return List.of(new LintFinding(severity, rule, message, l.file(), l.positionOf(field)));
  }

  private static String expanded(String text, CnaRecord r) {
    return Templates.expand(text, r.affected());
  }

  /** The first line of the description as published: its first paragraph, folded. */
  private static String firstLine(String text) {
    String folded = Prose.fold(text).strip();
    int end = folded.indexOf('\n');
    return end < 0 ? folded : folded.substring(0, end).strip();
  }

  private static String inline(String text) {
    return WHITE_SPACE.matcher(text).replaceAll(" ").strip();
  }
}
