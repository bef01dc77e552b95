package org.cpansec.server.mailin;

import java.util.Optional;
import org.cpansec.server.cases.CaseComments;

/**
 * Where a mail goes whose subject names a case ({@code [CPANSEC-2026-0001]}): {@link
 * CaseCommentMailSink} makes it a comment of that case through the cases package.
 *
 * <p>Runs inside the intake's transaction: whatever it writes commits (or not) together with the
 * record of the message, before the message is flagged in the mailbox.
 */
public interface CaseMailSink {
  /**
   * Adds the mail to the case with this reference, if it may be: the case exists and the sender is
   * a party to it. Empty otherwise — without telling the two apart, so that mail intake treats both
   * alike (a new report) and the sender learns nothing about which cases exist.
   */
  Optional<CaseComments.MailComment> appendToCase(String reference, InboundMail mail);
}
