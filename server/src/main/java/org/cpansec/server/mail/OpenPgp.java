package org.cpansec.server.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * The OpenPGP operations of outgoing mail, with Bouncy Castle's lightweight API (no JCE provider is
 * registered): reading and checking a recipient's public key, and encrypting to one or more keys
 * (AES-256 with an integrity packet, compressed, ASCII-armoured).
 */
public final class OpenPgp {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OpenPgp() {}

  /**
   * A recipient's public key, checked: its fingerprint (of the primary key), user IDs, expiry (the
   * earliest of the primary key's and the encryption key's; null when none) and the key used to
   * encrypt. {@code armored} is the key ring as Bouncy Castle re-encodes it (nothing but the key).
   */
  public record PublicKeyInfo(
      String armored,
      String fingerprint,
      List<String> userIds,
      Instant expiresAt,
      PGPPublicKey encryptionKey) {}

  /**
   * Reads an ASCII-armoured public key and checks that it can be used now.
   *
   * @throws PgpException saying why not: not a key, a secret key, several keys, revoked, expired,
   *     no key that may encrypt
   */
  public static PublicKeyInfo readPublicKey(String text, Instant now) {
    if (text == null || text.isBlank()) {
      throw new PgpException(
          "Paste an ASCII-armoured OpenPGP public key (-----BEGIN PGP PUBLIC KEY BLOCK-----).");
    }
    if (text.contains("BEGIN PGP PRIVATE KEY BLOCK")) {
      throw new PgpException(
          "This is a secret (private) key. Never share it: paste the public key only.");
    }
    if (!text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      throw new PgpException(
          "This is not an ASCII-armoured OpenPGP public key: expected a block starting with"
              + " -----BEGIN PGP PUBLIC KEY BLOCK-----.");
    }
    if (text.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----")
        != text.lastIndexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      throw new PgpException("Expected exactly one public key block: paste one key at a time.");
    }
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    try (InputStream in =
        PGPUtil.getDecoderStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
      PGPPublicKeyRingCollection all =
          new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
      all.getKeyRings().forEachRemaining(rings::add);
    } catch (IOException | PGPException | RuntimeException e) {
      throw new PgpException(
          "The OpenPGP public key could not be read (damaged or incomplete armour?): "
              + e.getMessage());
    }
    if (rings.size() != 1) {
      throw new PgpException(
          "Expected exactly one public key, found " + rings.size() + ": paste one key at a time.");
    }
    PGPPublicKeyRing ring = rings.get(0);
    PGPPublicKey primary = ring.getPublicKey();
    String fingerprint = fingerprint(primary);
    if (primary.hasRevocation()) {
      throw new PgpException("The key " + fingerprint + " is revoked.");
    }
    if (!selfCertified(primary)) {
      throw new PgpException(
          "The key " + fingerprint + " has no user ID with a valid self-signature.");
    }
    Instant primaryExpiry = expiry(primary);
    if (primaryExpiry != null && !primaryExpiry.isAfter(now)) {
      throw new PgpException("The key " + fingerprint + " expired on " + primaryExpiry + ".");
    }
    PGPPublicKey encryption =
        encryptionKey(ring, now)
            .orElseThrow(
                () ->
                    new PgpException(
                        "The key "
                            + fingerprint
                            + " has no valid key for encryption (every encryption subkey is"
                            + " missing, revoked, expired or not signed by the primary key)."));
    Instant expires = earliest(primaryExpiry, expiry(encryption));
    List<String> userIds = new ArrayList<>();
    primary.getUserIDs().forEachRemaining(userIds::add);
    return new PublicKeyInfo(armor(ring), fingerprint, List.copyOf(userIds), expires, encryption);
  }

  /**
   * The key of this ring to encrypt to at {@code now}: a subkey flagged for encryption, else the
   * primary key when it may encrypt; never a revoked or expired one.
   */
  public static Optional<PGPPublicKey> encryptionKey(PGPPublicKeyRing ring, Instant now) {
    PGPPublicKey primary = ring.getPublicKey();
    Instant primaryExpiry = expiry(primary);
    if (primary.hasRevocation() || (primaryExpiry != null && !primaryExpiry.isAfter(now))) {
      return Optional.empty();
    }
    PGPPublicKey fallback = null;
    for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
      PGPPublicKey k = it.next();
      if (!mayEncrypt(primary, k, now)) {
        continue;
      }
      if (!k.isMasterKey()) {
        return Optional.of(k);
      }
      fallback = k;
    }
    return Optional.ofNullable(fallback);
  }

  /** Reads a stored (already checked) armoured key ring. */
  public static PGPPublicKeyRing readRing(String armored) {
    try (InputStream in =
        PGPUtil.getDecoderStream(
            new ByteArrayInputStream(armored.getBytes(StandardCharsets.UTF_8)))) {
      PGPPublicKeyRingCollection all =
          new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
      return all.getKeyRings().next();
    } catch (IOException | PGPException | RuntimeException e) {
      throw new PgpException("a stored OpenPGP key could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * Encrypts {@code plain} to every key (each recipient can decrypt it alone): AES-256 with an
   * integrity packet, ZIP-compressed, ASCII-armoured.
   */
  public static byte[] encrypt(byte[] plain, Collection<PGPPublicKey> keys) {
    if (keys.isEmpty()) {
      throw new PgpException("no key to encrypt to");
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 2048);
      PGPEncryptedDataGenerator generator =
          new PGPEncryptedDataGenerator(
              new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                  .setWithIntegrityPacket(true)
                  .setSecureRandom(RANDOM));
      for (PGPPublicKey k : keys) {
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(k));
      }
      try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        try (OutputStream encrypted = generator.open(armor, new byte[1 << 14])) {
          PGPCompressedDataGenerator zip =
              new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP);
          try (OutputStream compressed = zip.open(encrypted)) {
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            try (OutputStream data =
                literal.open(
                    compressed, PGPLiteralData.BINARY, "", plain.length, PGPLiteralData.NOW)) {
              data.write(plain);
            }
          }
        }
      }
      return out.toByteArray();
    } catch (IOException | PGPException e) {
      throw new PgpException("OpenPGP encryption failed: " + e.getMessage(), e);
    }
  }

  /** The primary key's fingerprint, upper-case hex. */
  public static String fingerprint(PGPPublicKey key) {
    return HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** When the key expires; null when it does not. */
  static Instant expiry(PGPPublicKey key) {
    long seconds = key.getValidSeconds();
    return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
  }

  private static boolean mayEncrypt(PGPPublicKey primary, PGPPublicKey k, Instant now) {
    if (!k.isEncryptionKey() || k.hasRevocation()) {
      return false;
    }
    if (k.isMasterKey() ? !selfCertified(primary) : !boundTo(primary, k)) {
      return false;
    }
    Instant expires = expiry(k);
    if (expires != null && !expires.isAfter(now)) {
      return false;
    }
    Integer flags = keyFlags(k);
    return flags == null || (flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
  }

  /**
   * Whether a subkey carries a binding signature by the primary key that verifies: a subkey
   * appended to someone else's key (to have mail encrypted to it) does not.
   */
  private static boolean boundTo(PGPPublicKey primary, PGPPublicKey subkey) {
    for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        it.hasNext(); ) {
      PGPSignature s = it.next();
      try {
        s.init(new BcPGPContentVerifierBuilderProvider(), primary);
        if (s.verifyCertification(primary, subkey)) {
          return true;
        }
      } catch (PGPException | RuntimeException e) {
        // Not a valid binding by this primary key: try the next one.
      }
    }
    return false;
  }

  /** Whether some user ID of the primary key has a self-signature that verifies. */
  private static boolean selfCertified(PGPPublicKey primary) {
    for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
      String id = ids.next();
      for (Iterator<PGPSignature> it = primary.getSignaturesForID(id); it.hasNext(); ) {
        PGPSignature s = it.next();
        try {
          s.init(new BcPGPContentVerifierBuilderProvider(), primary);
          if (s.verifyCertification(id, primary)) {
            return true;
          }
        } catch (PGPException | RuntimeException e) {
          // Someone else's certification, or a broken one: not a self-signature.
        }
      }
    }
    return false;
  }

  /** The key flags of the key's self-signatures, if any states them. */
  private static Integer keyFlags(PGPPublicKey k) {
    for (Iterator<PGPSignature> it = k.getSignatures(); it.hasNext(); ) {
      PGPSignature s = it.next();
      if (s.getHashedSubPackets() != null && s.getHashedSubPackets().getKeyFlags() != 0) {
        return s.getHashedSubPackets().getKeyFlags();
      }
    }
    return null;
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }

  private static String armor(PGPPublicKeyRing ring) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        ring.encode(armor);
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PgpException("could not encode the key: " + e.getMessage(), e);
    }
  }
}
