package org.cpansec.server.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The media type of an attachment, decided from its first bytes (the formats' own signatures),
 * never from what the client claims. What it does not recognise is {@code
 * application/octet-stream}.
 */
final class ContentSniffer {
  static final String UNKNOWN = "application/octet-stream";

  private record Signature(String type, int offset, byte[] magic) {}

  private static final Signature[] SIGNATURES = {
    sig("image/png", 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
    sig("image/jpeg", 0, 0xFF, 0xD8, 0xFF),
    sig("image/gif", 0, 'G', 'I', 'F', '8'),
    sig("image/webp", 8, 'W', 'E', 'B', 'P'),
    sig("application/pdf", 0, '%', 'P', 'D', 'F', '-'),
    sig("application/zip", 0, 'P', 'K', 0x03, 0x04),
    sig("application/gzip", 0, 0x1F, 0x8B),
    sig("application/x-xz", 0, 0xFD, '7', 'z', 'X', 'Z', 0x00),
    sig("application/x-bzip2", 0, 'B', 'Z', 'h'),
    sig("application/vnd.tcpdump.pcap", 0, 0xD4, 0xC3, 0xB2, 0xA1),
    sig("application/vnd.tcpdump.pcap", 0, 0xA1, 0xB2, 0xC3, 0xD4),
  };

  private ContentSniffer() {}

  static String sniff(byte[] bytes) {
    for (Signature s : SIGNATURES) {
      if (startsWith(bytes, s)) {
        // RIFF....WEBP: the WEBP mark alone at offset 8 is not enough.
        if (!s.type().equals("image/webp") || startsWith(bytes, sig("", 0, 'R', 'I', 'F', 'F'))) {
          return s.type();
        }
      }
    }
    return isText(bytes) ? "text/plain; charset=utf-8" : UNKNOWN;
  }

  /** UTF-8 without NUL or other control characters than tab, line feed, carriage return. */
  private static boolean isText(byte[] bytes) {
    for (byte b : bytes) {
      if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] bytes, Signature s) {
    if (bytes.length < s.offset() + s.magic().length) {
      return false;
    }
    for (int i = 0; i < s.magic().length; i++) {
      if (bytes[s.offset() + i] != s.magic()[i]) {
        return false;
      }
    }
    return true;
  }

  private static Signature sig(String type, int offset, int... magic) {
    byte[] b = new byte[magic.length];
    for (int i = 0; i < magic.length; i++) {
      b[i] = (byte) magic[i];
    }
    return new Signature(type, offset, b);
  }
}
