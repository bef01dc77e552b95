package org.cpansec.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The placeholder language: what it fills in, and what it refuses. */
class PlaceholderTemplateTest {
  @Test
  void fillsEveryPlaceholderWithItsValueAsGiven() {
    PlaceholderTemplate t =
        PlaceholderTemplate.parse("{{cve}}: issue in {{ distribution }} ({{cve}})");
    assertThat(t.placeholders()).containsExactly("cve", "distribution");
    assertThat(t.render(Map.of("cve", "CVE-2026-1", "distribution", "Foo-Bar")))
        .isEqualTo("CVE-2026-1: issue in Foo-Bar (CVE-2026-1)");
  }

  @Test
  void valuesAreNeverExpandedAgainAndNothingIsEvaluated() {
    PlaceholderTemplate t = PlaceholderTemplate.parse("a ${x} #{y} [[z]] {single} b: {{v}}");
    assertThat(t.render(Map.of("v", "{{v}} ${7*7} __${T(java.lang.Runtime)}__")))
        .isEqualTo("a ${x} #{y} [[z]] {single} b: {{v}} ${7*7} __${T(java.lang.Runtime)}__");
  }

  @Test
  void aMissingValueIsAnErrorNamingIt() {
    PlaceholderTemplate t = PlaceholderTemplate.parse("Hello {{name}}, {{cve}}");
    Map<String, String> values = new HashMap<>();
    values.put("cve", "CVE-2026-1");
    values.put("name", null);
    assertThatThrownBy(() -> t.render(values))
        .isInstanceOf(MailTemplateException.class)
        .hasMessageContaining("no value for {{name}}")
        .hasMessageNotContaining("cve");
  }

  @Test
  void anEmptyValueGivenOnPurposeIsAValue() {
    assertThat(PlaceholderTemplate.parse("[{{x}}]").render(Map.of("x", ""))).isEqualTo("[]");
  }

  @Test
  void brokenPlaceholdersAreRefusedWithLineAndColumn() {
    assertThatThrownBy(() -> PlaceholderTemplate.parse("ok\nsee {{ T(java.lang.Runtime) }}"))
        .isInstanceOf(MailTemplateException.class)
        .hasMessageContaining("line 2, column 5")
        .hasMessageContaining("is not a placeholder");
    assertThatThrownBy(() -> PlaceholderTemplate.parse("{{cve}} and {{open"))
        .hasMessageContaining("line 1, column 13")
        .hasMessageContaining("not closed");
    assertThatThrownBy(() -> PlaceholderTemplate.parse("{{Name}}"))
        .hasMessageContaining("{{Name}}");
    assertThatThrownBy(() -> PlaceholderTemplate.parse("{{}}")).hasMessageContaining("{{}}");
  }

  @Test
  void unknownNamesAreListedAgainstThePurpose() {
    PlaceholderTemplate t = PlaceholderTemplate.parse("{{cve}} {{secret_details}} {{cve}}");
    assertThat(t.unknown(Set.of("cve", "distribution"))).containsExactly("secret_details");
  }

  @Test
  void everyShippedDefaultUsesOnlyItsPurposesPlaceholders() {
    for (MailPurpose p : MailPurpose.values()) {
      String[] text = MailTemplates.shipped(p);
      assertThat(PlaceholderTemplate.parse(text[0]).unknown(p.placeholders()))
          .as(p.name())
          .isEmpty();
      assertThat(PlaceholderTemplate.parse(text[1]).unknown(p.placeholders()))
          .as(p.name())
          .isEmpty();
      assertThat(text[0]).as(p.name()).doesNotContain("\n").isNotBlank();
    }
  }

  @Test
  void theMaintainerContactFollowsTheProcess() {
    String[] text = MailTemplates.shipped(MailPurpose.MAINTAINER_CONTACT);
    // The subject names the CVE and the distribution, never details (§4).
    assertThat(PlaceholderTemplate.parse(text[0]).placeholders())
        .containsExactlyInAnyOrder("cve", "distribution");
    assertThat(PlaceholderTemplate.parse(text[1]).placeholders())
        .contains("issue", "impact", "suggested_fix", "planned_date");
    assertThat(text[1])
        .contains("published no sooner than {{planned_date}}, unless disclosed earlier")
        .containsIgnoringCase("help");
    assertThat(MailPurpose.MAINTAINER_CONTACT.copiesTeam()).isTrue();
    assertThat(MailTemplates.shipped(MailPurpose.FORWARD_TO_MAINTAINER)[1])
        .contains("because you are a maintainer of {{distribution}}");
  }
}
