package org.cpansec.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A one-time link token: 256 random bits, URL-safe base64. Only its SHA-256 is stored, so a copy of
 * the database opens no enrolment.
 */
public record SecretToken(String value) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  public SecretToken {
    if (!looksValid(value)) {
      throw new IllegalArgumentException("not a link token");
    }
  }

  public static SecretToken random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new SecretToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Whether the text has a token's shape (checked before any lookup). */
  public static boolean looksValid(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }

  /** The SHA-256 of the token, in lower-case hex: what the database keeps. */
  public String hash() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SecretToken[redacted]";
  }
}
