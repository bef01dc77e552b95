package org.cpansec.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.Test;

/** OpenPGP with keys made at test time: checking keys, encrypting, PGP/MIME, decrypting. */
class OpenPgpTest {
  private static final TestKeys.Pgp ALICE = TestKeys.pgp("alice@example.org");
  private static final TestKeys.Pgp BOB = TestKeys.pgp("bob@example.org");

  @Test
  void aGoodPublicKeyIsReadWithItsFingerprintAndUserId() {
    OpenPgp.PublicKeyInfo info = OpenPgp.readPublicKey(ALICE.publicKey(), Instant.now());
    assertThat(info.fingerprint()).matches("[0-9A-F]{40}");
    assertThat(info.userIds()).containsExactly("Test <alice@example.org>");
    assertThat(info.expiresAt()).isNull();
    assertThat(info.encryptionKey().isMasterKey()).isFalse();
    assertThat(info.armored()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
  }

  @Test
  void whatIsNotAUsablePublicKeyIsRefusedWithTheReason() {
    Instant now = Instant.now();
    assertThatThrownBy(() -> OpenPgp.readPublicKey("hello", now))
        .isInstanceOf(PgpException.class)
        .hasMessageContaining("BEGIN PGP PUBLIC KEY BLOCK");
    assertThatThrownBy(() -> OpenPgp.readPublicKey(ALICE.secretKey(), now))
        .hasMessageContaining("secret (private) key");
    String damaged =
        ALICE.publicKey().replaceAll("(?m)^([A-Za-z0-9+/]{20})[A-Za-z0-9+/]{10}", "$1");
    assertThatThrownBy(() -> OpenPgp.readPublicKey(damaged, now))
        .hasMessageContaining("could not be read");
    TestKeys.Pgp expired =
        TestKeys.pgp("old@example.org", now.minus(Duration.ofDays(800)), Duration.ofDays(365));
    assertThatThrownBy(() -> OpenPgp.readPublicKey(expired.publicKey(), now))
        .hasMessageContaining("expired on");
    assertThatThrownBy(() -> OpenPgp.readPublicKey(ALICE.publicKey() + BOB.publicKey(), now))
        .hasMessageContaining("exactly one public key");
  }

  @Test
  void aSubkeyGraftedOntoSomeoneElsesKeyIsNeverUsed() {
    PGPPublicKeyRing alice = OpenPgp.readRing(ALICE.publicKey());
    PGPPublicKey aliceSub = OpenPgp.readPublicKey(ALICE.publicKey(), Instant.now()).encryptionKey();
    PGPPublicKey bobSub = OpenPgp.readPublicKey(BOB.publicKey(), Instant.now()).encryptionKey();
    // Alice's key with her encryption subkey swapped for Bob's (bound by Bob, not by Alice).
    PGPPublicKeyRing grafted =
        PGPPublicKeyRing.insertPublicKey(PGPPublicKeyRing.removePublicKey(alice, aliceSub), bobSub);
    assertThat(OpenPgp.encryptionKey(grafted, Instant.now())).isEmpty();
    assertThatThrownBy(() -> OpenPgp.readPublicKey(armor(grafted), Instant.now()))
        .isInstanceOf(PgpException.class)
        .hasMessageContaining("not signed by the primary key");
  }

  @Test
  void encryptedToSeveralKeysEachCanDecryptAndOthersCannot() {
    PGPPublicKey alice = OpenPgp.readPublicKey(ALICE.publicKey(), Instant.now()).encryptionKey();
    PGPPublicKey bob = OpenPgp.readPublicKey(BOB.publicKey(), Instant.now()).encryptionKey();
    byte[] plain = "Foo::Bar passes input to open(). Ünïcödé.".getBytes(StandardCharsets.UTF_8);
    byte[] armored = OpenPgp.encrypt(plain, List.of(alice, bob));
    String text = new String(armored, StandardCharsets.US_ASCII);
    assertThat(text).startsWith("-----BEGIN PGP MESSAGE-----").doesNotContain("Foo::Bar");
    assertThat(TestKeys.decryptor(ALICE).decrypt(armored)).isEqualTo(plain);
    assertThat(TestKeys.decryptor(BOB).decryptText("some text\n" + text + "\nmore"))
        .isEqualTo(new String(plain, StandardCharsets.UTF_8));

    byte[] onlyBob = OpenPgp.encrypt(plain, List.of(bob));
    assertThatThrownBy(() -> TestKeys.decryptor(ALICE).decrypt(onlyBob))
        .isInstanceOf(PgpException.class)
        .hasMessageContaining("not encrypted to the platform's key");
  }

  @Test
  void aModifiedMessageIsRefused() {
    PGPPublicKey alice = OpenPgp.readPublicKey(ALICE.publicKey(), Instant.now()).encryptionKey();
    byte[] armored = OpenPgp.encrypt(new byte[4000], List.of(alice));
    // Flip one byte of the ciphertext, well inside the encrypted data, and re-armour it.
    byte[] binary = decodeArmor(new String(armored, StandardCharsets.US_ASCII));
    binary[binary.length - 100] ^= 0x01;
    assertThatThrownBy(() -> TestKeys.decryptor(ALICE).decrypt(binary))
        .isInstanceOf(PgpException.class);
  }

  @Test
  void theWrongPassphraseIsNamedAsTheReason() {
    assertThatThrownBy(() -> PgpDecryptor.fromSecretKey(ALICE.secretKey(), "wrong".toCharArray()))
        .hasMessageContaining("passphrase");
    assertThatThrownBy(() -> PgpDecryptor.fromSecretKey(ALICE.publicKey(), new char[0]))
        .hasMessageContaining("secret key");
  }

  @Test
  void pgpMimeIsMultipartEncryptedAndDecryptsToTheBody() throws Exception {
    PGPPublicKey alice = OpenPgp.readPublicKey(ALICE.publicKey(), Instant.now()).encryptionKey();
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setSubject("CVE-2026-1: security issue in Foo-Bar");
    m.setContent(OutgoingMessage.pgpMime("Line one\nLine two: Ünïcödé\n", List.of(alice)));
    m.saveChanges();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    MimeMessage received =
        new MimeMessage(
            Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    assertThat(received.getContentType())
        .startsWith("multipart/encrypted")
        .contains("protocol=\"application/pgp-encrypted\"");
    assertThat(PgpDecryptor.isPgpMime(received)).isTrue();
    MimeBodyPart clear = TestKeys.decryptor(ALICE).decrypt(received);
    assertThat(clear.isMimeType("text/plain")).isTrue();
    assertThat(clear.getContent().toString()).isEqualTo("Line one\r\nLine two: Ünïcödé\r\n");
    assertThat(raw.toString(StandardCharsets.ISO_8859_1)).doesNotContain("Line one");
  }

  private static String armor(PGPPublicKeyRing ring) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (org.bouncycastle.bcpg.ArmoredOutputStream a =
          new org.bouncycastle.bcpg.ArmoredOutputStream(out)) {
        ring.encode(a);
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] decodeArmor(String armored) {
    StringBuilder b64 = new StringBuilder();
    boolean inBody = false;
    for (String line : armored.split("\r?\n")) {
      if (line.startsWith("-----BEGIN")) {
        continue;
      }
      if (!inBody) {
        inBody = line.isEmpty();
        continue;
      }
      if (line.startsWith("=") || line.startsWith("-----END")) {
        break;
      }
      b64.append(line);
    }
    return java.util.Base64.getDecoder().decode(b64.toString());
  }
}
