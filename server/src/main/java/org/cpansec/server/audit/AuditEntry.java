package org.cpansec.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * One row of the audit log. {@code actor} is {@code member:<id>}, {@code grant:<id>} (an external
 * party's link) or {@code system}; {@code caseId} is empty for entries about no single case.
 */
public record AuditEntry(
    long id,
    OffsetDateTime at,
    String actor,
    String action,
    Long caseId,
    String detail,
    String prevHash,
    String hash) {

  /** The hash of this row's content chained to the previous hash. */
  public String expectedHash() {
    return chain(prevHash, id, at, actor, action, caseId, detail);
  }

  /**
   * SHA-256 (hex) of the previous hash followed by the canonical form of the entry: every field in
   * a fixed order, text fields prefixed by their length, absent values as {@code -}, the time as an
   * ISO-8601 instant. Two different entries never serialise alike.
   */
  static String chain(
      String prevHash,
      long id,
      OffsetDateTime at,
      String actor,
      String action,
      Long caseId,
      String detail) {
    StringBuilder s = new StringBuilder(prevHash).append('\n');
    s.append("cpansec-audit-1|").append(id).append('|').append(at.toInstant()).append('|');
    field(s, actor);
    field(s, action);
    s.append(caseId == null ? "-" : caseId.toString()).append('|');
    field(s, detail);
    return sha256(s.toString());
  }

  private static void field(StringBuilder s, String value) {
    if (value == null) {
      s.append("-|");
    } else {
      s.append(value.length()).append(':').append(value).append('|');
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
