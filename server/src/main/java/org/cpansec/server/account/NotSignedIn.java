package org.cpansec.server.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A workspace page reached without a signed-in member: cannot happen behind the security rules, and
 * answers 401 rather than failing if it ever does.
 */
@ResponseStatus(HttpStatus.UNAUTHORIZED)
class NotSignedIn extends RuntimeException {
  NotSignedIn() {
    super("no signed-in member");
  }
}
