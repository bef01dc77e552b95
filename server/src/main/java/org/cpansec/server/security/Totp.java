package org.cpansec.server.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them: RFC 6238 over RFC 4226 HOTP,
 * HMAC-SHA-1, 6 digits, 30-second steps counted from the Unix epoch. A code is accepted for the
 * current step and one step either side (clock drift), and only for a step later than the last one
 * accepted for that member, so a code once used (or overheard) cannot be used again.
 */
public final class Totp {
  /** Seconds per step. */
  public static final long STEP_SECONDS = 30;

  /** Digits of a code. */
  public static final int DIGITS = 6;

  /** Steps accepted either side of the current one. */
  public static final int WINDOW = 1;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private Totp() {}

  /** A fresh 160-bit secret (the HMAC-SHA-1 block of RFC 4226 §4), in base32. */
  public static String newSecret() {
    byte[] key = new byte[20];
    RANDOM.nextBytes(key);
    return Base32.encode(key);
  }

  /** The RFC 6238 time step of an instant: whole 30-second periods since the epoch. */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The 6-digit code of a base32 secret at a time step. */
  public static String code(String base32Secret, long step) {
    return hotp(Base32.decode(base32Secret), step, DIGITS, "HmacSHA1");
  }

  /**
   * RFC 4226 HOTP: HMAC of the 8-byte big-endian counter, dynamic truncation (§5.3), the low {@code
   * digits} decimal digits, left-padded with zeros.
   *
   * @param algorithm a JCA MAC name: {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
   */
  public static String hotp(byte[] key, long counter, int digits, String algorithm) {
    if (digits < 1 || digits > 9) {
      throw new IllegalArgumentException("digits must be 1 to 9, not " + digits);
    }
    byte[] message = new byte[8];
    for (int i = 7; i >= 0; i--) {
      message[i] = (byte) (counter & 0xff);
      counter >>>= 8;
    }
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, "RAW"));
      hash = mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  /**
   * The step whose code the given code is, within one step of {@code now} and later than {@code
   * lastUsedStep}; empty when there is none. Comparisons are constant-time.
   *
   * @param lastUsedStep the last step accepted for this member, or {@link Long#MIN_VALUE} for none
   */
  public static OptionalLong matchingStep(
      String base32Secret, String code, Instant now, long lastUsedStep) {
    if (code == null) {
      return OptionalLong.empty();
    }
    String given = code.replace(" ", "").strip();
    if (!given.matches("[0-9]{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long current = step(now);
    OptionalLong found = OptionalLong.empty();
    for (long s = current - WINDOW; s <= current + WINDOW; s++) {
      boolean same =
          MessageDigest.isEqual(
              code(base32Secret, s).getBytes(StandardCharsets.US_ASCII),
              given.getBytes(StandardCharsets.US_ASCII));
      if (same && s > lastUsedStep && found.isEmpty()) {
        found = OptionalLong.of(s);
      }
    }
    return found;
  }

  /**
   * The {@code otpauth://} URI authenticator apps read (Key Uri Format): {@code
   * otpauth://totp/<issuer>:<account>?secret=...&issuer=<issuer>}.
   */
  public static String otpauthUri(String issuer, String account, String base32Secret) {
    return "otpauth://totp/"
        + encode(issuer)
        + ":"
        + encode(account)
        + "?secret="
        + base32Secret
        + "&issuer="
        + encode(issuer);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
