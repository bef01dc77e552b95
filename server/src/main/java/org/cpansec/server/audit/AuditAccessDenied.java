package org.cpansec.server.audit;

/** The reader may not read the audit log (not an admin, or the agreement not signed). */
public class AuditAccessDenied extends RuntimeException {
  public AuditAccessDenied() {
    super("only admins who signed the current agreement read the audit log");
  }
}
