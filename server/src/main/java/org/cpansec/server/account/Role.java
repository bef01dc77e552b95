package org.cpansec.server.account;

/**
 * What a signed-in member of the workspace may do (CPANSEC-PROCESS.md §5). Reporters and
 * maintainers are not members: they reach one case through a per-case link and hold no role.
 */
public enum Role {
  /** A member of the CPAN Security Group: reads cases once the agreement is signed, comments. */
  CPANSEC_MEMBER,
  /** A CNA member: triages, votes, reserves CVE IDs, contacts maintainers, publishes. */
  CNA_MEMBER,
  /** Creates and disables accounts, edits mail templates, verifies the audit log. */
  ADMIN
}
