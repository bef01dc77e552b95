package org.cpansec.server.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decrypts what is sent to the platform encrypted with its own OpenPGP key ({@code
 * cpansec.mail.pgp.secret-key-file}): an ASCII-armoured message (an encrypted report text, or an
 * inline-PGP mail body) or a PGP/MIME message (RFC 3156, {@code multipart/encrypted}), for the mail
 * intake and for encrypted report text. Only messages with an integrity check (MDC/AEAD) are
 * accepted; a modified message is refused.
 */
@Component
public class PgpDecryptor {
  private static final String BEGIN = "-----BEGIN PGP MESSAGE-----";
  private static final String END = "-----END PGP MESSAGE-----";
  private static final int MAX_PLAINTEXT = 64 * 1024 * 1024;

  /** A private key, unlocked, with the identifier messages name it by. */
  private record Unlocked(KeyIdentifier id, PGPPrivateKey key) {}

  /** The unlocked private keys that may decrypt; empty when not configured. */
  private final List<Unlocked> keys;

  private final List<PGPSecretKeyRing> rings;

  /** Loads the configured secret key; fails start-up with the reason when it cannot. */
  @Autowired
  public PgpDecryptor(PgpProperties properties) {
    if (!properties.configured()) {
      this.keys = List.of();
      this.rings = List.of();
      return;
    }
    String text;
    try {
      text = Files.readString(properties.secretKeyFile(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cpansec.mail.pgp.secret-key-file: cannot read " + properties.secretKeyFile(), e);
    }
    String passphrase = properties.secretKeyPassphrase();
    PgpDecryptor loaded =
        fromSecretKey(text, passphrase == null ? new char[0] : passphrase.toCharArray());
    this.keys = loaded.keys;
    this.rings = loaded.rings;
  }

  private PgpDecryptor(List<PGPSecretKeyRing> rings, List<Unlocked> keys) {
    this.rings = List.copyOf(rings);
    this.keys = List.copyOf(keys);
  }

  /**
   * A decryptor for an ASCII-armoured secret key ring and its passphrase.
   *
   * @throws PgpException when the text is not a secret key, or the passphrase does not unlock it
   */
  public static PgpDecryptor fromSecretKey(String armoredSecretKey, char[] passphrase) {
    PGPSecretKeyRingCollection collection;
    try (InputStream in =
        PGPUtil.getDecoderStream(
            new ByteArrayInputStream(armoredSecretKey.getBytes(StandardCharsets.US_ASCII)))) {
      collection = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
    } catch (IOException | PGPException | RuntimeException e) {
      throw new PgpException(
          "cpansec.mail.pgp.secret-key-file is not an ASCII-armoured OpenPGP secret key: "
              + e.getMessage());
    }
    List<PGPSecretKeyRing> rings = new ArrayList<>();
    List<Unlocked> keys = new ArrayList<>();
    for (Iterator<PGPSecretKeyRing> r = collection.getKeyRings(); r.hasNext(); ) {
      PGPSecretKeyRing ring = r.next();
      rings.add(ring);
      for (Iterator<PGPSecretKey> k = ring.getSecretKeys(); k.hasNext(); ) {
        PGPSecretKey key = k.next();
        if (!key.getPublicKey().isEncryptionKey() || key.isPrivateKeyEmpty()) {
          continue;
        }
        try {
          keys.add(
              new Unlocked(
                  key.getPublicKey().getKeyIdentifier(),
                  key.extractPrivateKey(
                      new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                          .build(passphrase))));
        } catch (PGPException e) {
          throw new PgpException(
              "the passphrase (cpansec.mail.pgp.secret-key-passphrase) does not unlock the"
                  + " secret key "
                  + OpenPgp.fingerprint(ring.getPublicKey()));
        }
      }
    }
    if (keys.isEmpty()) {
      throw new PgpException(
          "cpansec.mail.pgp.secret-key-file holds no secret key that can decrypt");
    }
    return new PgpDecryptor(rings, keys);
  }

  /** Whether a secret key is configured. */
  public boolean configured() {
    return !keys.isEmpty();
  }

  /** The fingerprint of the platform's (first) key, for the admin page; empty when off. */
  public Optional<String> fingerprint() {
    return rings.isEmpty()
        ? Optional.empty()
        : Optional.of(OpenPgp.fingerprint(rings.get(0).getPublicKey()));
  }

  /** Whether a text holds an ASCII-armoured OpenPGP message. */
  public static boolean looksEncrypted(String text) {
    return text != null && text.contains(BEGIN) && text.contains(END);
  }

  /**
   * Whether a part is PGP/MIME ({@code multipart/encrypted; protocol=application/pgp-encrypted}).
   */
  public static boolean isPgpMime(Part part) throws MessagingException {
    if (!part.isMimeType("multipart/encrypted")) {
      return false;
    }
    String protocol = new ContentType(part.getContentType()).getParameter("protocol");
    return "application/pgp-encrypted".equalsIgnoreCase(protocol);
  }

  /**
   * Decrypts an armoured text: the text of the first {@code BEGIN PGP MESSAGE} block, as UTF-8.
   *
   * @throws PgpException when there is no such block, it is not for the platform's key, or it was
   *     modified
   */
  public String decryptText(String text) {
    if (!looksEncrypted(text)) {
      throw new PgpException("no -----BEGIN PGP MESSAGE----- block found");
    }
    int start = text.indexOf(BEGIN);
    int end = text.indexOf(END, start);
    if (end < 0) {
      throw new PgpException("the PGP MESSAGE block is not closed by " + END);
    }
    String block = text.substring(start, end + END.length());
    return new String(decrypt(block.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
  }

  /**
   * Decrypts an encrypted mail: PGP/MIME gives back the MIME entity that was encrypted (a part with
   * its own Content-Type: text, multipart with attachments, ...); an inline-PGP {@code text/plain}
   * body gives back a {@code text/plain; charset=UTF-8} part with the clear text.
   *
   * @throws PgpException when the mail is not encrypted, or cannot be decrypted
   */
  public MimeBodyPart decrypt(Part message) {
    try {
      if (isPgpMime(message)) {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        if (parts.getCount() != 2) {
          throw new PgpException(
              "a PGP/MIME message has two parts (version, data); this one has " + parts.getCount());
        }
        BodyPart data = parts.getBodyPart(1);
        byte[] cipher;
        try (InputStream in = data.getInputStream()) {
          cipher = in.readAllBytes();
        }
        return new MimeBodyPart(new ByteArrayInputStream(decrypt(cipher)));
      }
      if (message.isMimeType("text/plain")) {
        Object content = message.getContent();
        if (content instanceof String s && looksEncrypted(s)) {
          MimeBodyPart clear = new MimeBodyPart();
          clear.setText(decryptText(s), "UTF-8");
          return clear;
        }
      }
    } catch (IOException e) {
      throw new PgpException("the encrypted mail could not be read: " + e.getMessage(), e);
    } catch (MessagingException e) {
      throw new PgpException("the encrypted mail is not well-formed MIME: " + e.getMessage(), e);
    }
    throw new PgpException("the mail is neither PGP/MIME nor an inline PGP message");
  }

  /**
   * Decrypts an OpenPGP message (armoured or binary) to its literal data.
   *
   * @throws PgpException when it is not an encrypted message for the platform's key, has no
   *     integrity protection, or fails the integrity check
   */
  public byte[] decrypt(byte[] message) {
    if (!configured()) {
      throw new PgpException(
          "decryption is off: no secret key is configured (cpansec.mail.pgp.secret-key-file)");
    }
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(message))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object first = factory.nextObject();
      while (first instanceof PGPMarker) {
        first = factory.nextObject();
      }
      if (!(first instanceof PGPEncryptedDataList list)) {
        throw new PgpException("not an encrypted OpenPGP message");
      }
      for (PGPEncryptedData candidate : list) {
        if (!(candidate instanceof PGPPublicKeyEncryptedData encrypted)) {
          continue;
        }
        for (Unlocked key : keys) {
          if (encrypted.getKeyIdentifier().matches(key.id())) {
            return readLiteral(encrypted, key.key());
          }
        }
      }
      throw new PgpException("the message is not encrypted to the platform's key");
    } catch (IOException | PGPException | RuntimeException e) {
      if (e instanceof PgpException p) {
        throw p;
      }
      throw new PgpException("the OpenPGP message could not be decrypted: " + e.getMessage(), e);
    }
  }

  private static byte[] readLiteral(PGPPublicKeyEncryptedData encrypted, PGPPrivateKey key)
      throws PGPException, IOException {
    if (!encrypted.isIntegrityProtected()) {
      throw new PgpException(
          "the message has no integrity protection (no MDC): refused, it could have been"
              + " modified");
    }
    byte[] data = null;
    try (InputStream clear = encrypted.getDataStream(new BcPublicKeyDataDecryptorFactory(key))) {
      BcPGPObjectFactory inner = new BcPGPObjectFactory(clear);
      for (Object o = inner.nextObject(); o != null; o = inner.nextObject()) {
        if (o instanceof PGPCompressedData compressed) {
          inner = new BcPGPObjectFactory(compressed.getDataStream());
        } else if (o instanceof PGPLiteralData literal) {
          data = readBounded(literal.getInputStream());
        } else if (!(o instanceof PGPOnePassSignatureList) && !(o instanceof PGPSignatureList)) {
          throw new PgpException("unexpected OpenPGP packet in the message");
        }
      }
    }
    if (data == null) {
      throw new PgpException("the encrypted message holds no data");
    }
    if (!encrypted.verify()) {
      throw new PgpException("the message failed its integrity check: it was modified");
    }
    return data;
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      out.write(buf, 0, n);
      if (out.size() > MAX_PLAINTEXT) {
        throw new PgpException("the decrypted message is larger than 64 MiB");
      }
    }
    return out.toByteArray();
  }
}
