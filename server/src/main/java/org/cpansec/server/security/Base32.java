package org.cpansec.server.security;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 base32 (alphabet {@code A-Z2-7}), the form authenticator apps expect TOTP secrets in.
 * Encoding writes no padding; decoding ignores case, spaces, hyphens and trailing {@code =}.
 */
public final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  /** The base32 text of the bytes, upper case, without padding. */
  public static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * The bytes of base32 text.
   *
   * @throws IllegalArgumentException when a character is not in the base32 alphabet
   */
  public static byte[] decode(String text) {
    String s = text.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < end; i++) {
      int v = ALPHABET.indexOf(s.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not base32: '" + s.charAt(i) + "'");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
