package org.cpansec.server.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent DKIM verifier for the tests (RFC 6376, rsa-sha256, relaxed/relaxed only), written
 * apart from {@link DkimSigner}: it reads the received message as bytes, recomputes the body hash
 * and the header canonicalization itself, and checks the RSA signature with the public key.
 */
final class DkimVerifier {
  private DkimVerifier() {}

  /** The outcome: whether it verified, and if not, why. */
  record Result(boolean valid, String reason, Map<String, String> tags) {}

  static Result verify(byte[] raw, PublicKey key) {
    String all = new String(raw, StandardCharsets.ISO_8859_1);
    int split = all.indexOf("\r\n\r\n");
    if (split < 0) {
      return new Result(false, "no empty line after the header", Map.of());
    }
    String head = all.substring(0, split + 2);
    String body = all.substring(split + 4);
    List<String> fields = unfoldedFieldsKeepingRaw(head);
    String signatureField = null;
    for (String f : fields) {
      if (f.regionMatches(true, 0, "DKIM-Signature:", 0, 15)) {
        signatureField = f;
        break;
      }
    }
    if (signatureField == null) {
      return new Result(false, "no DKIM-Signature", Map.of());
    }
    Map<String, String> tags = tags(signatureField.substring(signatureField.indexOf(':') + 1));
    if (!"rsa-sha256".equals(tags.get("a")) || !"relaxed/relaxed".equals(tags.get("c"))) {
      return new Result(false, "unexpected a= or c=: " + tags, tags);
    }
    String bh = base64(sha256(canonicalBody(body)));
    if (!bh.equals(tags.get("bh"))) {
      return new Result(
          false, "body hash differs: computed " + bh + ", signed " + tags.get("bh"), tags);
    }
    StringBuilder signed = new StringBuilder();
    List<String> remaining = new ArrayList<>(fields);
    for (String name : tags.get("h").split(":")) {
      String n = name.strip();
      for (int i = remaining.size() - 1; i >= 0; i--) {
        String f = remaining.get(i);
        if (f.substring(0, f.indexOf(':')).strip().equalsIgnoreCase(n)) {
          signed.append(canonicalHeader(f)).append("\r\n");
          remaining.remove(i);
          break;
        }
      }
    }
    Matcher b = Pattern.compile("(^|;)(\\s*b\\s*=)[^;]*").matcher(signatureField.substring(15));
    String withoutB =
        "DKIM-Signature:"
            + (b.find()
                ? signatureField.substring(15, 15 + b.start())
                    + b.group(1)
                    + b.group(2)
                    + signatureField.substring(15 + b.end())
                : signatureField.substring(15));
    signed.append(canonicalHeader(withoutB));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
      boolean ok = rsa.verify(Base64.getDecoder().decode(tags.get("b")));
      return new Result(ok, ok ? "valid" : "RSA signature does not verify", tags);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new Result(false, e.toString(), tags);
    }
  }

  /** Each field as it stands, continuation lines joined with their CRLF. */
  private static List<String> unfoldedFieldsKeepingRaw(String head) {
    List<String> out = new ArrayList<>();
    for (String line : head.split("\r\n")) {
      if (line.startsWith(" ") || line.startsWith("\t")) {
        out.set(out.size() - 1, out.get(out.size() - 1) + "\r\n" + line);
      } else if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  private static Map<String, String> tags(String value) {
    Map<String, String> tags = new HashMap<>();
    for (String part : value.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        tags.put(
            part.substring(0, eq).replaceAll("\\s", "").toLowerCase(Locale.ROOT),
            part.substring(eq + 1).replaceAll("\\s", ""));
      }
    }
    return tags;
  }

  private static String canonicalHeader(String field) {
    int colon = field.indexOf(':');
    StringBuilder v = new StringBuilder();
    boolean space = false;
    for (char c : field.substring(colon + 1).replace("\r\n", "").toCharArray()) {
      if (c == ' ' || c == '\t') {
        space = true;
      } else {
        if (space && v.length() > 0) {
          v.append(' ');
        }
        space = false;
        v.append(c);
      }
    }
    return field.substring(0, colon).toLowerCase(Locale.ROOT).trim() + ":" + v;
  }

  private static byte[] canonicalBody(String body) {
    List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      StringBuilder l = new StringBuilder();
      boolean space = false;
      for (char c : line.toCharArray()) {
        if (c == ' ' || c == '\t') {
          space = true;
        } else {
          if (space) {
            l.append(' ');
          }
          space = false;
          l.append(c);
        }
      }
      out.append(l).append("\r\n");
    }
    String s = out.toString();
    while (s.endsWith("\r\n\r\n")) {
      s = s.substring(0, s.length() - 2);
    }
    if (s.equals("\r\n")) {
      s = "";
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
