package org.cpansec.server.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpansec.server.security.Totp;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates enrolled workspace members for tests, straight through the account services (no enrolment
 * page): a known password, a known TOTP secret, the roles asked for, and optionally the current
 * agreement signed. Usernames are unique per call, so tests sharing a database do not collide. Use
 * with {@link WorkspaceClient}:
 *
 * <pre>{@code
 * @Autowired ApplicationContext context;
 * @LocalServerPort int port;
 *
 * TestMembers members = new TestMembers(context);
 * TestMembers.TestMember alice = members.create("alice", Set.of(Role.CNA_MEMBER), true);
 * WorkspaceClient client = new WorkspaceClient(port).signIn(alice);
 * }</pre>
 */
public final class TestMembers {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** A member a test made: everything needed to sign in as them. */
  public record TestMember(
      long id, String username, String password, String totpSecret, Set<Role> roles) {
    @Override
    public String toString() {
      return "TestMember[" + id + ", " + username + ", " + roles + "]";
    }
  }

  private final MemberStore members;
  private final PasswordEncoder encoder;
  private final WorkspaceProperties workspace;
  private final Clock clock;

  public TestMembers(ApplicationContext context) {
    this.members = context.getBean(MemberStore.class);
    this.encoder = context.getBean(PasswordEncoder.class);
    this.workspace = context.getBean(WorkspaceProperties.class);
    this.clock = context.getBean(Clock.class);
  }

  /**
   * Creates an enrolled, enabled member.
   *
   * @param prefix the start of the username (a unique suffix is added)
   * @param signedAgreement whether they signed the current agreement version
   */
  public TestMember create(String prefix, Set<Role> roles, boolean signedAgreement) {
    String username =
        (prefix
                + "-"
                + COUNTER.incrementAndGet()
                + "-"
                + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    String password = "Test pass " + UUID.randomUUID();
    String secret = Totp.newSecret();
    OffsetDateTime now = OffsetDateTime.now(clock);
    Set<Role> given = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    long id =
        members.create(username, "Test " + prefix, username + "@example.org", given, null, now);
    // No step used yet: every code of the window is still good.
    members.setCredentials(
        id, encoder.encode(password), secret, Totp.step(clock.instant()) - Totp.WINDOW - 1, now);
    if (signedAgreement) {
      members.sign(id, workspace.agreementVersion(), now);
    }
    return new TestMember(id, username, password, secret, given);
  }

  /** Signs the current agreement for the member. */
  public void signAgreement(TestMember m) {
    members.sign(m.id(), workspace.agreementVersion(), OffsetDateTime.now(clock));
  }
}
