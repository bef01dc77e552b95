package org.cpansec.server.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Signs a message with DKIM (RFC 6376) using only the JDK's RSA: {@code a=rsa-sha256}, {@code
 * c=relaxed/relaxed}, the body hash {@code bh=} over the whole body (no {@code l=}), and a
 * timestamp {@code t=}. Signed are the headers of {@link #SIGNED} that the message has, each once
 * (the last instance, as RFC 6376 §5.4.2 picks them).
 *
 * <p>Written here rather than taken from a library: the algorithm is small and fully specified, the
 * maintained Java DKIM signers on Maven Central are forks with few maintainers, and the tests
 * verify the output with an independent implementation and the public key.
 */
public final class DkimSigner {
  /** The header fields signed when present, in this order. */
  public static final List<String> SIGNED =
      List.of(
          "from",
          "to",
          "cc",
          "subject",
          "date",
          "message-id",
          "reply-to",
          "mime-version",
          "content-type",
          "content-transfer-encoding");

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final String domain;
  private final String selector;
  private final PrivateKey key;
  private final Clock clock;

  public DkimSigner(String domain, String selector, PrivateKey key, Clock clock) {
    if (!(key instanceof RSAPrivateKey rsa) || rsa.getModulus().bitLength() < 1024) {
      throw new IllegalArgumentException("DKIM needs an RSA private key of at least 1024 bits");
    }
    this.domain = domain.toLowerCase(Locale.ROOT);
    this.selector = selector;
    this.key = key;
    this.clock = clock;
  }

  /** The signer the configuration describes; fails with the file's name when it is unusable. */
  public static DkimSigner load(DkimProperties p, Clock clock) {
    String pem;
    try {
      pem = Files.readString(p.privateKeyFile(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cpansec.mail.dkim.private-key-file: cannot read " + p.privateKeyFile(), e);
    }
    try {
      return new DkimSigner(p.domain(), p.selector(), readPrivateKey(pem), clock);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "cpansec.mail.dkim.private-key-file " + p.privateKeyFile() + ": " + e.getMessage(), e);
    }
  }

  /** Reads an unencrypted RSA private key in PEM, PKCS#8 or PKCS#1. */
  public static PrivateKey readPrivateKey(String pem) {
    boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
    String label = pkcs1 ? "RSA PRIVATE KEY" : "PRIVATE KEY";
    int start = pem.indexOf("-----BEGIN " + label + "-----");
    int end = pem.indexOf("-----END " + label + "-----");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "expected an unencrypted PEM RSA key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA"
              + " PRIVATE KEY-----)");
    }
    String base64 =
        pem.substring(start + ("-----BEGIN " + label + "-----").length(), end)
            .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      if (pkcs1) {
        der =
            new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der))
                .getEncoded();
      }
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a readable RSA private key: " + e.getMessage(), e);
    }
  }

  /**
   * The message with a {@code DKIM-Signature} header field in front. Line ends are made CRLF first
   * (as SMTP will send them), so the signature covers the bytes that travel.
   */
  public byte[] sign(byte[] message) {
    byte[] crlf = toCrlf(message);
    String header = signatureField(crlf);
    ByteArrayOutputStream out = new ByteArrayOutputStream(crlf.length + header.length() + 2);
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(crlf);
    return out.toByteArray();
  }

  /** The whole {@code DKIM-Signature: ...} field (folded, without the final CRLF). */
  String signatureField(byte[] crlfMessage) {
    int split = headerEnd(crlfMessage);
    String head = new String(crlfMessage, 0, split, StandardCharsets.ISO_8859_1);
    byte[] body =
        split + 4 <= crlfMessage.length
            ? java.util.Arrays.copyOfRange(crlfMessage, split + 4, crlfMessage.length)
            : new byte[0];
    List<String[]> fields = fields(head);
    List<String> names = new ArrayList<>();
    StringBuilder signedData = new StringBuilder();
    Set<Integer> used = new HashSet<>();
    for (String name : SIGNED) {
      for (int i = fields.size() - 1; i >= 0; i--) {
        if (!used.contains(i) && fields.get(i)[0].equalsIgnoreCase(name)) {
          used.add(i);
          names.add(name);
          signedData.append(relaxedHeader(fields.get(i)[1])).append("\r\n");
          break;
        }
      }
    }
    String bh = BASE64.encodeToString(sha256(relaxedBody(body)));
    String unsigned =
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d="
            + domain
            + "; s="
            + selector
            + ";\r\n\tt="
            + clock.instant().getEpochSecond()
            + "; h="
            + String.join(":", names)
            + ";\r\n\tbh="
            + bh
            + ";\r\n\tb=";
    signedData.append(relaxedHeader(unsigned));
    String b;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signedData.toString().getBytes(StandardCharsets.ISO_8859_1));
      b = BASE64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("DKIM signing failed", e);
    }
    StringBuilder folded = new StringBuilder(unsigned);
    for (int i = 0; i < b.length(); i += 72) {
      if (i > 0) {
        folded.append("\r\n\t ");
      }
      folded.append(b, i, Math.min(b.length(), i + 72));
    }
    return folded.toString();
  }

  /** Relaxed header canonicalization (RFC 6376 §3.4.2) of one raw field, without the CRLF. */
  static String relaxedHeader(String rawField) {
    int colon = rawField.indexOf(':');
    String name = rawField.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value =
        rawField.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
    return name + ":" + value;
  }

  /** Relaxed body canonicalization (RFC 6376 §3.4.4) of a CRLF body. */
  static byte[] relaxedBody(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    int last = lines.length - 1;
    // A body ending in CRLF splits into a last empty string, which is not a line.
    if (last >= 0 && lines[last].isEmpty()) {
      last--;
    }
    // Trailing empty lines are ignored.
    while (last >= 0 && lines[last].replaceAll("[ \t]+", "").isEmpty()) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      out.append(lines[i].replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The raw header fields (name, whole field with continuation lines). */
  private static List<String[]> fields(String head) {
    List<String[]> fields = new ArrayList<>();
    for (String line : head.split("\r\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (!fields.isEmpty()) {
          String[] f = fields.get(fields.size() - 1);
          f[1] = f[1] + "\r\n" + line;
        }
      } else if (line.indexOf(':') > 0) {
        fields.add(new String[] {line.substring(0, line.indexOf(':')).strip(), line});
      }
    }
    return fields;
  }

  /** Offset of the CRLFCRLF that ends the header (the message length when there is no body). */
  private static int headerEnd(byte[] m) {
    for (int i = 0; i + 3 < m.length; i++) {
      if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
        return i;
      }
    }
    return m.length;
  }

  /** Makes every line end CRLF (bare LF and bare CR become CRLF). */
  static byte[] toCrlf(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 32);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '\r') {
        out.write('\r');
        out.write('\n');
        if (i + 1 < in.length && in[i + 1] == '\n') {
          i++;
        }
      } else if (b == '\n') {
        out.write('\r');
        out.write('\n');
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
