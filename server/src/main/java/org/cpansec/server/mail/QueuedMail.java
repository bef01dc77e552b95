package org.cpansec.server.mail;

import java.util.Objects;

/**
 * One plain-text mail to queue. The recipient is checked for shape when the row is written, so a
 * header cannot be smuggled in through an address.
 */
public record QueuedMail(String recipient, String subject, String body) {
  public QueuedMail {
    Objects.requireNonNull(body, "body");
    if (recipient == null || recipient.isBlank() || recipient.length() > 320) {
      throw new IllegalArgumentException("a recipient address of 1 to 320 characters is required");
    }
    if (recipient.chars().anyMatch(c -> c == '\r' || c == '\n' || c == ',')) {
      throw new IllegalArgumentException("one recipient address, on one line");
    }
    if (subject == null || subject.isBlank() || subject.length() > 500) {
      throw new IllegalArgumentException("a subject of 1 to 500 characters is required");
    }
    if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      throw new IllegalArgumentException("a subject on one line");
    }
  }
}
