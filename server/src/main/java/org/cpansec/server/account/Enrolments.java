package org.cpansec.server.account;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.security.Totp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time enrolment links ({@code /enrol/{token}}): issued by an admin (or the {@code admin
 * create} command), valid for {@code cpansec.accounts.enrolment-validity} (72 hours by default),
 * used once. Issuing a link revokes the member's earlier unused ones. On the link the member
 * chooses a password and confirms a TOTP secret with a code; only then may they sign in.
 */
@Service
public class Enrolments {
  /** A link just issued: the token is shown once (to the admin) and stored only hashed. */
  public record Link(SecretToken token, URI url, OffsetDateTime expiresAt) {}

  /** A valid, unused link: whose it is and the TOTP secret it offers. */
  public record Pending(
      long tokenId,
      long memberId,
      String username,
      String displayName,
      String email,
      String totpSecret,
      OffsetDateTime expiresAt) {

    /** The URI authenticator apps read. */
    public String otpauthUri() {
      return Totp.otpauthUri("CPANSec", username, totpSecret);
    }

    /** The secret in groups of four, easier to type. */
    public String groupedSecret() {
      return totpSecret.replaceAll("(.{4})(?=.)", "$1 ");
    }

    @Override
    public String toString() {
      return "Pending[" + username + "]";
    }
  }

  /** The outcome of a completed form: done, or what to fix. */
  public record Result(boolean done, List<String> problems) {}

  private final JdbcClient jdbc;
  private final MemberStore members;
  private final AccountEvents events;
  private final PasswordRules rules;
  private final PasswordEncoder encoder;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final AccountsProperties config;
  private final URI baseUrl;

  public Enrolments(
      JdbcClient jdbc,
      MemberStore members,
      AccountEvents events,
      PasswordRules rules,
      PasswordEncoder encoder,
      TransactionTemplate tx,
      Clock clock,
      AccountsProperties config,
      ServerProperties server) {
    this.jdbc = jdbc;
    this.members = members;
    this.events = events;
    this.rules = rules;
    this.encoder = encoder;
    this.tx = tx;
    this.clock = clock;
    this.config = config;
    this.baseUrl = server.site().baseUrl();
  }

  /** Issues a new link for the member (revoking earlier unused ones); call inside a transaction. */
  public Link issue(long memberId, Long actorId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.sql(
            "UPDATE enrolment_token SET revoked_at = ? WHERE member_id = ? AND used_at IS NULL"
                + " AND revoked_at IS NULL")
        .params(now, memberId)
        .update();
    SecretToken token = SecretToken.random();
    OffsetDateTime expires = now.plus(config.enrolmentValidity());
    jdbc.sql(
            "INSERT INTO enrolment_token (member_id, token_hash, totp_secret, created_by,"
                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(memberId, token.hash(), Totp.newSecret(), actorId, now, expires)
        .update();
    MemberAccount a = members.byId(memberId).orElseThrow();
    events.record(
        AccountEvents.Kind.ENROLMENT_ISSUED,
        memberId,
        a.username(),
        actorId,
        null,
        "valid until " + expires);
    return new Link(token, url(token), expires);
  }

  /** The enrolment URL of a token, under {@code cpansec.site.base-url}. */
  public URI url(SecretToken token) {
    return URI.create(baseUrl.toString().replaceAll("/+$", "") + "/enrol/" + token.value());
  }

  /**
   * The link's enrolment when it is known, unused, not revoked, not expired, its account enabled.
   */
  public Optional<Pending> open(String token) {
    if (!SecretToken.looksValid(token)) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT t.id, m.id, m.username, m.display_name, m.email, t.totp_secret, t.expires_at"
                + " FROM enrolment_token t JOIN member_account m ON m.id = t.member_id"
                + " WHERE t.token_hash = ? AND t.used_at IS NULL AND t.revoked_at IS NULL"
                + " AND t.expires_at > ? AND m.enabled = TRUE")
        .params(new SecretToken(token).hash(), OffsetDateTime.now(clock))
        .query(
            (rs, n) ->
                new Pending(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class)))
        .optional();
  }

  /**
   * Completes an enrolment: the password must follow {@link PasswordRules} and be typed twice
   * alike, the code must be the offered secret's current one. Then, in one transaction, the link is
   * used up (a conditional UPDATE: two submissions cannot both succeed) and the credentials set.
   *
   * @throws AccountException when the link is no longer valid
   */
  public Result complete(
      String token, String password, String confirmation, String code, String client) {
    Pending p = open(token).orElseThrow(Enrolments::invalidLink);
    List<String> problems = new ArrayList<>();
    rules.problem(password, p.username(), p.email()).ifPresent(problems::add);
    if (problems.isEmpty() && !password.equals(confirmation)) {
      problems.add("The two passwords differ: type the same password twice.");
    }
    OptionalLong step = Totp.matchingStep(p.totpSecret(), code, clock.instant(), Long.MIN_VALUE);
    if (step.isEmpty()) {
      problems.add(
          "The code was not accepted: add the secret to your authenticator app, then type the"
              + " 6-digit code it shows now.");
    }
    if (!problems.isEmpty()) {
      return new Result(false, List.copyOf(problems));
    }
    String hash = encoder.encode(password);
    tx.executeWithoutResult(
        s -> {
          OffsetDateTime now = OffsetDateTime.now(clock);
          int used =
              jdbc.sql(
                      "UPDATE enrolment_token SET used_at = ? WHERE id = ? AND used_at IS NULL"
                          + " AND revoked_at IS NULL AND expires_at > ?")
                  .params(now, p.tokenId(), now)
                  .update();
          if (used != 1) {
            throw invalidLink();
          }
          members.setCredentials(p.memberId(), hash, p.totpSecret(), step.getAsLong(), now);
          events.record(
              AccountEvents.Kind.ENROLLED, p.memberId(), p.username(), null, client, null);
        });
    return new Result(true, List.of());
  }

  private static AccountException invalidLink() {
    return new AccountException(
        "This enrolment link is not valid: it was used already, has expired, or was replaced by a"
            + " newer one. Ask an admin for a new link.");
  }
}
