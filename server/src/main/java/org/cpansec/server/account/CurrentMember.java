package org.cpansec.server.account;

import java.util.Optional;

/**
 * The member behind the current request, once fully signed in (password and TOTP). Empty for
 * anonymous requests, for external per-case links and between the password and TOTP steps.
 */
public interface CurrentMember {
  Optional<Member> get();
}
