package org.cpansec.server.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A reporter's private tracking token: 256 random bits, URL-safe. Only its SHA-256 is stored, so a
 * copy of the database does not open anyone's report; and a token cannot be guessed or counted.
 */
public record TrackingToken(String value) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  public TrackingToken {
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("not a tracking token");
    }
  }

  public static TrackingToken random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new TrackingToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Whether the text has a token's shape (checked before any lookup). */
  public static boolean looksValid(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }

  public String hash() {
    return sha256(value);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "TrackingToken[redacted]";
  }
}
