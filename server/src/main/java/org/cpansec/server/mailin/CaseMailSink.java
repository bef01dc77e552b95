package org.cpansec.server.mailin;

/**
 * Where a mail goes whose subject names a case ({@code [CPANSEC-2026-0001]}). The cases package
 * will provide the implementation that turns it into a case comment; until then {@link
 * JdbcCaseMailSink} keeps it in {@code case_inbound_mail}.
 *
 * <p>Runs inside the intake's transaction: whatever it writes commits (or not) together with the
 * record of the message, before the message is flagged in the mailbox.
 */
public interface CaseMailSink {
  /**
   * Appends the mail to the case with this reference, if it may be: the case exists and the sender
   * is a party to it. Returns false otherwise — without telling the two apart, so that mail intake
   * treats both alike (a new report) and the sender learns nothing about which cases exist.
   */
  boolean appendToCase(String reference, InboundMail mail);
}
