package org.cpansec.server.comms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.cpansec.server.mail.PgpDecryptor;

/**
 * OpenPGP keys made while the tests run (never committed): an RSA certification key with an RSA
 * encryption subkey, the secret part protected by a random passphrase.
 */
final class CommsKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CommsKeys() {}

  /** The armoured public and secret key of one address, and the passphrase. */
  record Key(String publicKey, String secretKey, String passphrase) {
    PgpDecryptor decryptor() {
      return PgpDecryptor.fromSecretKey(secretKey, passphrase.toCharArray());
    }
  }

  static Key forAddress(String address) {
    try {
      Date now = new Date();
      PGPKeyPair primary =
          new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, rsa(), now);
      PGPKeyPair encryption =
          new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, rsa(), now);
      PGPSignatureSubpacketGenerator certify = new PGPSignatureSubpacketGenerator();
      certify.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      PGPSignatureSubpacketGenerator encrypt = new PGPSignatureSubpacketGenerator();
      encrypt.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
      String passphrase = Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong());
      PGPKeyRingGenerator generator =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              primary,
              "Comms test <" + address + ">",
              new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
              certify.generate(),
              null,
              new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
              new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                  .build(passphrase.toCharArray()));
      generator.addSubKey(encryption, encrypt.generate(), null);
      return new Key(
          armored(generator.generatePublicKeyRing().getEncoded()),
          armored(generator.generateSecretKeyRing().getEncoded()),
          passphrase);
    } catch (PGPException | IOException e) {
      throw new IllegalStateException("could not make a test key", e);
    }
  }

  private static org.bouncycastle.crypto.AsymmetricCipherKeyPair rsa() {
    RSAKeyPairGenerator g = new RSAKeyPairGenerator();
    g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), RANDOM, 2048, 80));
    return g.generateKeyPair();
  }

  private static String armored(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
      armor.write(bytes);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
