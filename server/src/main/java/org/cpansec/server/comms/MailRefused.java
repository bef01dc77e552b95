package org.cpansec.server.comms;

import org.cpansec.server.cases.CaseRefusedException;

/**
 * The mail package refused a mail (a sensitive case and a recipient without a usable OpenPGP key):
 * the action that needed it is undone as a whole, and the member is told why.
 */
class MailRefused extends CaseRefusedException {
  private static final long serialVersionUID = 1L;

  MailRefused(String message) {
    super(Kind.CONFLICT, message);
  }
}
