package org.cpansec.server.mailin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Raw RFC 822 messages for the tests, written out byte by byte as a mail client would send them.
 */
final class RawMail {
  private final List<String> headers = new ArrayList<>();
  private final List<String> parts = new ArrayList<>();
  private String body = "";
  private String contentType = "text/plain; charset=UTF-8";

  private RawMail() {}

  /** A plain-text mail with a Message-ID. */
  static RawMail from(String from, String subject) {
    return new RawMail()
        .header("From", from)
        .header("To", "team@cpansec.test")
        .header("Date", "Tue, 1 Dec 2026 10:00:00 +0000")
        .header("Subject", subject);
  }

  /** A MIME entity without message headers: what a PGP/MIME mail encrypts. */
  static RawMail entity() {
    return new RawMail();
  }

  RawMail header(String name, String value) {
    headers.add(name + ": " + value);
    return this;
  }

  RawMail messageId(String id) {
    return header("Message-ID", "<" + id + ">");
  }

  RawMail text(String text) {
    this.body = text;
    return this;
  }

  RawMail contentType(String type) {
    this.contentType = type;
    return this;
  }

  /** Adds a base64 attachment; the message becomes multipart/mixed with the text first. */
  RawMail attach(String fileName, String type, byte[] content) {
    parts.add(
        "Content-Type: "
            + type
            + "; name=\""
            + fileName
            + "\"\r\nContent-Disposition: attachment; filename=\""
            + fileName
            + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(content)
            + "\r\n");
    return this;
  }

  String string() {
    StringBuilder s = new StringBuilder();
    for (String h : headers) {
      s.append(h).append("\r\n");
    }
    s.append("MIME-Version: 1.0\r\n");
    if (parts.isEmpty()) {
      s.append("Content-Type: ").append(contentType).append("\r\n");
      s.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
      s.append(crlf(body));
      return s.toString();
    }
    String boundary = "==boundary-42==";
    s.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
    s.append("This is a multi-part message in MIME format.\r\n");
    s.append("--").append(boundary).append("\r\n");
    s.append("Content-Type: ").append(contentType).append("\r\n");
    s.append("Content-Transfer-Encoding: 8bit\r\n\r\n").append(crlf(body)).append("\r\n");
    for (String p : parts) {
      s.append("--").append(boundary).append("\r\n").append(p);
    }
    s.append("--").append(boundary).append("--\r\n");
    return s.toString();
  }

  byte[] bytes() {
    return string().getBytes(StandardCharsets.UTF_8);
  }

  /** This mail's headers around an armoured OpenPGP ciphertext, as PGP/MIME (RFC 3156). */
  byte[] pgpMime(String armoredCiphertext) {
    StringBuilder s = new StringBuilder();
    for (String h : headers) {
      s.append(h).append("\r\n");
    }
    s.append("MIME-Version: 1.0\r\n");
    s.append("Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";")
        .append(" boundary=\"pgp-42\"\r\n\r\n");
    s.append("--pgp-42\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n");
    s.append("--pgp-42\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n");
    s.append(crlf(armoredCiphertext)).append("\r\n--pgp-42--\r\n");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(String raw) {
    return crlf(raw).getBytes(StandardCharsets.UTF_8);
  }

  private static String crlf(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
  }
}
