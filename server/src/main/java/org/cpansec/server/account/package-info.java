/** Workspace accounts: members, roles, sign-in with password and TOTP, the disclosure agreement. */
package org.cpansec.server.account;
