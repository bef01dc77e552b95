package org.cpansec.server.cases;

import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;

/**
 * Who is asking: every case service method takes one and applies {@link CaseAccess} itself, so a
 * controller that forgets a check still leaks nothing.
 */
public sealed interface Viewer {
  /** The actor string written to the audit log. */
  String actor();

  /** Nobody signed in and no link: sees no case. */
  record Anonymous() implements Viewer {
    @Override
    public String actor() {
      return "anonymous";
    }
  }

  /** A signed-in member of the workspace. */
  record Staff(Member member) implements Viewer {
    public Staff {
      java.util.Objects.requireNonNull(member, "member");
    }

    @Override
    public String actor() {
      return AuditLog.member(member.id());
    }
  }

  /** The holder of an external link to one case. */
  record External(CaseGrant grant) implements Viewer {
    public External {
      java.util.Objects.requireNonNull(grant, "grant");
    }

    @Override
    public String actor() {
      return AuditLog.grant(grant.id());
    }
  }

  static Viewer anonymous() {
    return new Anonymous();
  }

  static Viewer of(Member member) {
    return new Staff(member);
  }

  /** The viewer for whoever the optional member is; anonymous when empty. */
  static Viewer of(java.util.Optional<Member> member) {
    return member.<Viewer>map(Staff::new).orElseGet(Anonymous::new);
  }
}
