package org.cpansec.server.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Keys made at test time, never committed: OpenPGP key rings (an RSA signing primary key with an
 * RSA encryption subkey, passphrase-protected) and RSA key pairs for DKIM. Public for the other
 * packages' tests that need a key (mail intake's decryption).
 */
public final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  /** An OpenPGP key: the armoured public and secret key rings and the passphrase. */
  public record Pgp(String publicKey, String secretKey, String passphrase) {}

  /** A key for {@code email}, created now, not expiring. */
  public static Pgp pgp(String email) {
    return pgp(email, Instant.now(), null);
  }

  /** A key created at {@code created}, valid for {@code validFor} (null: forever). */
  static Pgp pgp(String email, Instant created, Duration validFor) {
    try {
      Date when = Date.from(created);
      PGPKeyPair primary =
          new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, rsa(), when);
      PGPKeyPair sub =
          new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, rsa(), when);
      PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
      primaryFlags.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      PGPSignatureSubpacketGenerator subFlags = new PGPSignatureSubpacketGenerator();
      subFlags.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
      if (validFor != null) {
        primaryFlags.setKeyExpirationTime(false, validFor.toSeconds());
        subFlags.setKeyExpirationTime(false, validFor.toSeconds());
      }
      PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
      String passphrase = "test-" + Long.toHexString(RANDOM.nextLong());
      PGPKeyRingGenerator rings =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              primary,
              "Test <" + email + ">",
              sha1,
              primaryFlags.generate(),
              null,
              new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
              new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                  .build(passphrase.toCharArray()));
      rings.addSubKey(sub, subFlags.generate(), null);
      return new Pgp(
          armor(rings.generatePublicKeyRing().getEncoded()),
          armor(rings.generateSecretKeyRing().getEncoded()),
          passphrase);
    } catch (PGPException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A decryptor holding this key's secret. */
  static PgpDecryptor decryptor(Pgp key) {
    return PgpDecryptor.fromSecretKey(key.secretKey(), key.passphrase().toCharArray());
  }

  /** An RSA key pair for DKIM. */
  static KeyPair dkim() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  static String pkcs8Pem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static org.bouncycastle.crypto.AsymmetricCipherKeyPair rsa() {
    RSAKeyPairGenerator g = new RSAKeyPairGenerator();
    g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), RANDOM, 2048, 80));
    return g.generateKeyPair();
  }

  private static String armor(byte[] encoded) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream a = new ArmoredOutputStream(out)) {
        a.write(encoded);
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
