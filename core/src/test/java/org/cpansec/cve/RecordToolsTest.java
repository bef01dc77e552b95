package org.cpansec.cve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;
import org.cpansec.cve.json.BuildOptions;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.json.CveJsonBuilder;
import org.cpansec.cve.json.CveJsonImporter;
import org.cpansec.cve.json.ImportRefusedException;
import org.cpansec.cve.json.Projection;
import org.cpansec.cve.lint.Lint;
import org.cpansec.cve.lint.LintFinding;
import org.cpansec.cve.record.AffectedRange;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.CveId;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.cve.record.InvalidValueException;
import org.cpansec.cve.schema.BundledSchema;
import org.cpansec.cve.text.Announcement;
import org.cpansec.cve.text.Prose;
import org.cpansec.cve.text.VersionPhrase;
import org.cpansec.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordToolsTest {
  private final CveJsonBuilder builder = new CveJsonBuilder(BuildOptions.defaults());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<= 1.0       | through 1.0",
        "< 1.0        | before 1.0",
        "1.2 <= 1.3   | from 1.2 through 1.3",
        "1.2 < 1.3    | from 1.2 before 1.3",
        "1.2<1.30     | from 1.2 before 1.30",
        "1.05         | 1.05",
        "1.2 < *      | from 1.2",
        "v1.2.3 <= *  | from v1.2.3",
      })
  void versionPhrases(String affected, String phrase) {
    assertThat(VersionPhrase.of(AffectedRange.parse(affected))).isEqualTo(phrase);
  }

  @Test
  void versionRangeTemplateJoinsPhrases() {
    assertThat(
            VersionPhrase.versionRange(
                List.of(AffectedRange.parse("<= 1.0"), AffectedRange.parse("1.2 <= 1.3"))))
        .isEqualTo("versions through 1.0, from 1.2 through 1.3");
  }

  @Test
  void proseFoldsParagraphsAndKeepsIndentedBlocks() {
    assertThat(Prose.fold("one\ntwo\n\n  code();\n  more();\nafter\n\n\nlast  \n"))
        .isEqualTo("one two\n\n  code();\n  more();\n\nafter\n\nlast");
  }

  @Test
  void typedValuesSayWhichRuleFailed() {
    assertThat(CveId.of("CVE-2025-40916").year()).isEqualTo(2025);
    assertThatThrownBy(() -> CveId.of("CVE-25-1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("CVE-YYYY-NNNN");
    assertThat(CveId.prefixOf("CVE-2025-40916-fix-typo")).contains(CveId.of("CVE-2025-40916"));
    assertThat(CveId.prefixOf("main")).isEmpty();
  }

  @Test
  void schemaProblemsCarryFileLineAndField() throws Exception {
    String yaml =
        Files.readString(DataPack.tvar("CVE-2025-40916.yaml"))
            .replace("author: GRYPHON", "author: gryphon")
            .replace("  title: |", "  colour: blue\n  title: |");
    assertThatThrownBy(() -> CnaRecordReader.read("x.yaml", yaml))
        .isInstanceOf(InvalidRecordException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRecordException) e).problems().stream().map(Object::toString))
                    .containsExactly(
                        "x.yaml:7:3: cpansec.author: does not match the regex pattern ^[A-Z0-9]+$",
                        "x.yaml:13:3: cpansec.colour: property is not allowed here"));
  }

  @Test
  void badVersionAndYamlSyntaxArePlacedPrecisely() {
    assertThatThrownBy(() -> CnaRecordReader.read(DataPack.tvar("CVE-1900-9998.yaml")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("CVE-1900-9998.yaml:7:7: cpansec.affected.0: '<= TODO'");
    assertThatThrownBy(() -> CnaRecordReader.read("bad.yaml", "cpansec:\n  cve: [\n"))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage(
            "bad.yaml:3:1: YAML syntax: while parsing a flow node;"
                + " expected the node content, but found '<stream end>'");
    assertThatThrownBy(() -> CnaRecordReader.read("dup.yaml", "cpansec:\n  cve: a\n  cve: b\n"))
        .hasMessage("dup.yaml:3:3: YAML syntax: duplicate key 'cve'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVEv5_basic-example.json", "CVEv5_advanced-example.json"})
  void officialExamplesValidate(String name) throws Exception {
    JsonNode example =
        CanonicalJson.read(Files.readString(DataPack.file("schemas/cve/examples/" + name)));
    assertThat(BundledSchema.cveRecord().validate(example)).isEmpty();
  }

  @Test
  void handMadeInvalidRecordFailsWithItsPath() throws Exception {
    ObjectNode bad =
        (ObjectNode)
            CanonicalJson.read(Files.readString(DataPack.tvar("CVE-2025-40916.source.json")));
    ((ObjectNode) bad.get("cveMetadata")).put("cveId", "CVE-25-1");
    ((ObjectNode) bad.at("/containers/cna")).remove("affected");
    assertThat(BundledSchema.cveRecord().validate(bad).stream().map(Object::toString))
        .anyMatch(s -> s.startsWith("/cveMetadata/cveId: "))
        .anyMatch(s -> s.contains("affected"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933"})
  void announcementsMatchGoldenFiles(String cve) throws Exception {
    JsonNode built = builder.record(CnaRecordReader.read(DataPack.tvar(cve + ".yaml")).record());
    String mail = Announcement.render(built);
    // The Subject header is not wrapped (mail agents fold headers) and a URL is never broken.
    mail.lines()
        .filter(line -> !line.startsWith("Subject: ") && line.contains(" "))
        .forEach(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(72));
    Golden.assertMatches("cve/golden", cve + ".announce.txt", mail);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CVE-2025-40906", "CVE-2025-40916", "CVE-2025-40933"})
  void importOfPublishedRecordsRoundTrips(String cve) throws Exception {
    JsonNode source = CanonicalJson.read(Files.readString(DataPack.tvar(cve + ".source.json")));
    String yaml = new CveJsonImporter().toYaml(source);
    JsonNode rebuilt = builder.record(CnaRecordReader.read("imported.yaml", yaml).record());
    assertThat(Projection.of(rebuilt)).isEqualTo(Projection.of(source));
    Golden.assertMatches("cve/golden", cve + ".imported.yaml", yaml);
  }

  @Test
  void importKeepsNonBreakingSpacesAndUtf8() throws Exception {
    ObjectNode source =
        (ObjectNode)
            CanonicalJson.read(Files.readString(DataPack.tvar("CVE-2025-40933.source.json")));
    String text =
        "Café crème 10\u00a0MB of session ids are predictable, reported by Zoë Ünal with a long"
            + " sentence that wraps over the line width of the YAML writer.";
    ((ObjectNode) source.at("/containers/cna/descriptions/0")).put("value", text);
    String yaml = new CveJsonImporter().toYaml(source);
    assertThat(yaml).contains("10\u00a0MB").contains("Zoë Ünal");
    JsonNode rebuilt = builder.record(CnaRecordReader.read("nbsp.yaml", yaml).record());
    assertThat(rebuilt.at("/containers/cna/descriptions/0/value").asText()).isEqualTo(text);
  }

  @Test
  void importRefusesWhatYamlCannotSay() throws Exception {
    ObjectNode source =
        (ObjectNode)
            CanonicalJson.read(Files.readString(DataPack.tvar("CVE-2025-40916.source.json")));
    ((ObjectNode) source.at("/containers/cna/affected/0")).put("vendor", "not a pause id");
    assertThatThrownBy(() -> new CveJsonImporter().toYaml(source))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageContaining("cpansec.author");
    ObjectNode twoProducts =
        (ObjectNode)
            CanonicalJson.read(Files.readString(DataPack.tvar("CVE-2025-40916.source.json")));
    ((com.fasterxml.jackson.databind.node.ArrayNode) twoProducts.at("/containers/cna/affected"))
        .add(twoProducts.at("/containers/cna/affected/0").deepCopy());
    assertThatThrownBy(() -> new CveJsonImporter().toYaml(twoProducts))
        .hasMessageContaining("has 2 entries");
  }

  private static List<String> rules(String yaml) throws Exception {
    return Lint.standard().run(CnaRecordReader.read("l.yaml", yaml)).stream()
        .map(LintFinding::rule)
        .toList();
  }

  @Test
  void lintRulesFireOnTheirCase() throws Exception {
    String base = Files.readString(DataPack.tvar("CVE-2025-40916.yaml"));
    // The published record says "version 1.05", not the phrase "versions 1.05": a real warning.
    assertThat(rules(base)).containsExactly("announce_wording_mismatch", "reference_quality");
    assertThat(
            rules(
                base.replace(
                    "number source for generating the captcha text\n",
                    "number source for generating the captcha text.\n")))
        .contains("title_style_standard");
    assertThat(
            rules(
                base.replace(
                    "uses a weak random\n    number source for generating the captcha.",
                    "uses a weak random\n    number source for generating the captcha text")))
        .contains("title_repeated_in_description");
    assertThat(
            rules(
                base.replace(
                    "1.05 for Perl uses a weak random\n    number source for generating the captcha text",
                    "TODO {{VERSION}}")))
        .contains(
            "placeholder_content",
            "template_token_unresolved",
            "announce_wording_mismatch",
            "title_style_standard");
    assertThat(
            rules(
                base.replace(
                    "  solution: |\n    Users should upgrade to version 1.06 or later.\n", "")))
        .contains("missing_solution_or_mitigation");
    assertThat(
            rules(
                base.replace("CaptchaPNG-1.06/changes", "CaptchaPNG/changes")
                    .replace(
                        "release/GRYPHON/Mojolicious-Plugin-CaptchaPNG/changes",
                        "dist/Mojolicious-Plugin-CaptchaPNG/changes")))
        .contains("metacpan_changelog_not_version_pinned");
    assertThat(
            rules(
                base.replace(
                    "link: https://metacpan.org/pod/perlfunc#rand",
                    "link: https://metacpan.org/pod/perlfunc#rand\n      tags: [ article, patch ]")))
        .containsExactly("announce_wording_mismatch", "reference_tag_not_in_cve");
  }

  @Test
  void lintTitleTemplateFromAffected() throws Exception {
    String base =
        Files.readString(DataPack.tvar("CVE-2025-40933.yaml"))
            .replace(
                "Apache::AuthAny::Cookie v0.201 or earlier for Perl generates session ids\n    insecurely\n",
                "Apache::AuthAny {{VERSION_RANGE}} for Perl generates session ids insecurely\n");
    JsonNode built = builder.record(CnaRecordReader.read("t.yaml", base).record());
    assertThat(built.at("/containers/cna/title").asText())
        .isEqualTo(
            "Apache::AuthAny versions from 0.19 through 0.201 for Perl generates session ids insecurely");
  }
}
