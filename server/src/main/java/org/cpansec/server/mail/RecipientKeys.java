package org.cpansec.server.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recipients' OpenPGP public keys ({@code mail_recipient_key}), one per address (compared without
 * case). Mail to an address with a usable key is encrypted to it. A key is checked when added: a
 * text that is not a public key, a revoked or expired key, or one that cannot encrypt is refused
 * with the reason.
 */
@Repository
public class RecipientKeys {
  private static final String COLUMNS =
      "SELECT k.email, k.fingerprint, k.user_ids, k.expires_at, k.added_by, m.username,"
          + " k.added_at, k.armored_key FROM mail_recipient_key k"
          + " LEFT JOIN member_account m ON m.id = k.added_by";

  private final JdbcClient jdbc;
  private final Clock clock;

  public RecipientKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A stored key as the admin page shows it. */
  public record RecipientKey(
      String email,
      String fingerprint,
      String userIds,
      OffsetDateTime expiresAt,
      Long addedBy,
      String addedByName,
      OffsetDateTime addedAt,
      String armoredKey) {}

  /**
   * Adds or replaces the key of an address, after checking it.
   *
   * @throws PgpException why the key was refused
   * @throws IllegalArgumentException when the address is not one
   */
  public RecipientKey add(String email, String armoredKey, Long memberId) {
    String address = key(Recipients.normalize(email, "Address"));
    OpenPgp.PublicKeyInfo info = OpenPgp.readPublicKey(armoredKey, clock.instant());
    OffsetDateTime expires =
        info.expiresAt() == null ? null : info.expiresAt().atOffset(ZoneOffset.UTC);
    String userIds = String.join("\n", info.userIds());
    if (userIds.length() > 2000) {
      userIds = userIds.substring(0, 2000);
    }
    Object[] values = {
      info.armored(), info.fingerprint(), userIds, expires, memberId, now(), address
    };
    int updated =
        jdbc.sql(
                "UPDATE mail_recipient_key SET armored_key = ?, fingerprint = ?, user_ids = ?,"
                    + " expires_at = ?, added_by = ?, added_at = ? WHERE email = ?")
            .params(values)
            .update();
    if (updated == 0) {
      try {
        jdbc.sql(
                "INSERT INTO mail_recipient_key (armored_key, fingerprint, user_ids, expires_at,"
                    + " added_by, added_at, email) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .params(values)
            .update();
      } catch (DuplicateKeyException e) {
        throw new PgpException("A key for " + address + " was added at the same moment; retry.");
      }
    }
    return find(address).orElseThrow();
  }

  /** The key of an address. */
  public Optional<RecipientKey> find(String email) {
    return jdbc.sql(COLUMNS + " WHERE k.email = ?")
        .param(email.strip().toLowerCase(Locale.ROOT))
        .query(RecipientKeys::row)
        .optional();
  }

  /** Every key, by address. */
  public List<RecipientKey> list() {
    return jdbc.sql(COLUMNS + " ORDER BY k.email").query(RecipientKeys::row).list();
  }

  /** Removes the key of an address; false when there was none. */
  public boolean remove(String email) {
    return jdbc.sql("DELETE FROM mail_recipient_key WHERE email = ?")
            .param(email.strip().toLowerCase(Locale.ROOT))
            .update()
        == 1;
  }

  /**
   * The key to encrypt to for each of these addresses that has one usable now (stored, not expired
   * or revoked since); addresses without one are absent from the map.
   */
  public Map<String, PGPPublicKey> usableKeys(Collection<String> addresses) {
    Instant now = clock.instant();
    Map<String, PGPPublicKey> keys = new LinkedHashMap<>();
    for (String a : addresses) {
      find(a)
          .flatMap(k -> OpenPgp.encryptionKey(OpenPgp.readRing(k.armoredKey()), now))
          .ifPresent(k -> keys.put(a, k));
    }
    return keys;
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MICROS);
  }

  private static RecipientKey row(ResultSet rs, int n) throws SQLException {
    long by = rs.getLong(5);
    Long addedBy = rs.wasNull() ? null : by;
    return new RecipientKey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getObject(4, OffsetDateTime.class),
        addedBy,
        rs.getString(6),
        rs.getObject(7, OffsetDateTime.class),
        rs.getString(8));
  }
}
