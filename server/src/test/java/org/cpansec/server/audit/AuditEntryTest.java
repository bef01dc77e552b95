package org.cpansec.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The canonical serialisation: every field counts, and no two entries serialise alike. */
class AuditEntryTest {
  static final String PREV = "0".repeat(64);
  static final OffsetDateTime AT =
      OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 123_456_000, ZoneOffset.UTC);

  @Test
  void theHashIsSha256OfThePreviousHashAndTheCanonicalRow() throws Exception {
    String expected =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(
                        (PREV
                                + "\ncpansec-audit-1|1|2026-11-25T10:00:00.123456Z|8:member:1|9:case.view|5|4:note|")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(AuditEntry.chain(PREV, 1, AT, "member:1", "case.view", 5L, "note"))
        .isEqualTo(expected);
  }

  @Test
  void everyFieldChangesTheHash() {
    String base = AuditEntry.chain(PREV, 1, AT, "member:1", "case.view", 5L, "note");
    assertThat(AuditEntry.chain("1".repeat(64), 1, AT, "member:1", "case.view", 5L, "note"))
        .isNotEqualTo(base);
    assertThat(AuditEntry.chain(PREV, 2, AT, "member:1", "case.view", 5L, "note"))
        .isNotEqualTo(base);
    assertThat(AuditEntry.chain(PREV, 1, AT.plusNanos(1000), "member:1", "case.view", 5L, "note"))
        .isNotEqualTo(base);
    assertThat(AuditEntry.chain(PREV, 1, AT, "member:2", "case.view", 5L, "note"))
        .isNotEqualTo(base);
    assertThat(AuditEntry.chain(PREV, 1, AT, "member:1", "case.edit", 5L, "note"))
        .isNotEqualTo(base);
    assertThat(AuditEntry.chain(PREV, 1, AT, "member:1", "case.view", null, "note"))
        .isNotEqualTo(base);
    assertThat(AuditEntry.chain(PREV, 1, AT, "member:1", "case.view", 5L, null)).isNotEqualTo(base);
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    // Without length prefixes these two would serialise alike.
    assertThat(AuditEntry.chain(PREV, 1, AT, "a|b", "c", null, null))
        .isNotEqualTo(AuditEntry.chain(PREV, 1, AT, "a", "b|c", null, null));
    assertThat(AuditEntry.chain(PREV, 1, AT, "a", "b", null, "-"))
        .isNotEqualTo(AuditEntry.chain(PREV, 1, AT, "a", "b", null, null));
  }

  @Test
  void theSameInstantInAnotherOffsetHashesAlike() {
    assertThat(
            AuditEntry.chain(
                PREV, 1, AT.withOffsetSameInstant(ZoneOffset.ofHours(2)), "a", "b", null, null))
        .isEqualTo(AuditEntry.chain(PREV, 1, AT, "a", "b", null, null));
  }
}
