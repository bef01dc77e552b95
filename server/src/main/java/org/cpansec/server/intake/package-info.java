/**
 * Private report intake: the forms of CPANSEC-PROCESS.md §1, the secret warning, the rate limit,
 * the receipt and the reporter's tracking page. Reports are never shown publicly.
 *
 * <p>Depends on Spring MVC, Spring JDBC, the server's configuration and the mail package (the
 * outbox); not on core.
 */
package org.cpansec.server.intake;
