package org.cpansec.server.cases;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No such case — or a case the viewer may not see: both answer alike (404, the same page), and the
 * message never names the case.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CaseNotFoundException extends RuntimeException {
  public CaseNotFoundException() {
    super("no such case");
  }
}
