package org.cpansec.server.cases;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import org.cpansec.server.account.Member;
import org.cpansec.server.account.MemberStore;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.cpansec.server.account.WorkspaceProperties;
import org.springframework.context.ApplicationContext;

/**
 * Real members for the workspace's web tests: enrolled accounts ({@link TestMembers}) that sign in
 * through both steps ({@link WorkspaceClient}, with the server's own clock), handing the signed-in
 * session to whatever HTTP client a test uses, and the same member as the services see them, for
 * calls made straight to a service.
 *
 * <pre>{@code
 * SignedMembers members = new SignedMembers(context, port);
 * SignedMembers.Signed alice = members.create("alice", true, Role.CNA_MEMBER);
 * SignedMembers.useSession(cookies, base, members.signIn(alice));
 * cases.create(form, alice.viewer());
 * }</pre>
 */
public final class SignedMembers {
  /** A member a test made: their account (password, TOTP secret) and their {@link Member}. */
  public record Signed(TestMembers.TestMember account, Member member) {
    public Viewer viewer() {
      return Viewer.of(member);
    }

    public long id() {
      return member.id();
    }

    public String username() {
      return member.username();
    }
  }

  private final TestMembers members;
  private final MemberStore store;
  private final WorkspaceProperties workspace;
  private final Clock clock;
  private final int port;

  public SignedMembers(ApplicationContext context, int port) {
    this.members = new TestMembers(context);
    this.store = context.getBean(MemberStore.class);
    this.workspace = context.getBean(WorkspaceProperties.class);
    this.clock = context.getBean(Clock.class);
    this.port = port;
  }

  /** An enrolled member with these roles, who signed the current agreement or not. */
  public Signed create(String prefix, boolean signedAgreement, Role... roles) {
    TestMembers.TestMember t = members.create(prefix, Set.of(roles), signedAgreement);
    return new Signed(t, member(t.id()));
  }

  /** A CNA member who signed the current agreement. */
  public Signed cna(String prefix) {
    return create(prefix, true, Role.CNA_MEMBER);
  }

  /** The member as the workspace sees them now (roles and agreement read from the database). */
  public Member member(long id) {
    return store
        .activeMember(id, workspace.agreementVersion())
        .orElseThrow(() -> new AssertionError("no active member " + id));
  }

  /** Signs the member in (password, then code) and returns the session cookie's value. */
  public String signIn(Signed m) {
    WorkspaceClient client = new WorkspaceClient(port, clock).signIn(m.account());
    return client
        .sessionId()
        .orElseThrow(() -> new AssertionError("no session after signing in " + m.username()));
  }

  /** Puts a session cookie into a client's cookie store, for the server at {@code base}. */
  public static void useSession(CookieManager cookies, URI base, String session) {
    cookies.getCookieStore().removeAll();
    HttpCookie c = new HttpCookie("SESSION", session);
    c.setPath("/");
    c.setVersion(0);
    cookies.getCookieStore().add(base, c);
  }
}
