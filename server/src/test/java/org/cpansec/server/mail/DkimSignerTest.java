package org.cpansec.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

/** The DKIM signer against the independent verifier, without SMTP. */
class DkimSignerTest {
  private static final KeyPair PAIR = TestKeys.dkim();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
  private static final String MESSAGE =
      "From: noreply@cpansec.test\r\n"
          + "To: maint@example.org\r\n"
          + "Subject:  CVE-2026-1:   security issue\r\n"
          + "\tin Foo-Bar\r\n"
          + "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\n"
          + "Message-ID: <1@cpansec.test>\r\n"
          + "X-Unsigned: anything\r\n"
          + "\r\n"
          + "Hello,  \r\n"
          + "the  issue\t is here.\r\n"
          + "\r\n"
          + "\r\n";

  @Test
  void aSignedMessageVerifiesAndNamesItsHeaders() {
    DkimSigner signer = new DkimSigner("cpansec.test", "mail2026", PAIR.getPrivate(), CLOCK);
    byte[] signed = signer.sign(MESSAGE.getBytes(StandardCharsets.US_ASCII));
    DkimVerifier.Result r = DkimVerifier.verify(signed, PAIR.getPublic());
    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.tags())
        .containsEntry("d", "cpansec.test")
        .containsEntry("s", "mail2026")
        .containsEntry("t", "1796032800")
        .containsEntry("h", "from:to:subject:date:message-id");
  }

  @Test
  void whitespaceChangesThatRelaxedIgnoresStillVerify() {
    DkimSigner signer = new DkimSigner("cpansec.test", "s", PAIR.getPrivate(), CLOCK);
    String signed =
        new String(
            signer.sign(MESSAGE.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    String reflowed = signed.replace("Hello,  \r\n", "Hello,\r\n").replace("\r\n\r\n\r\n", "\r\n");
    assertThat(
            DkimVerifier.verify(reflowed.getBytes(StandardCharsets.US_ASCII), PAIR.getPublic())
                .valid())
        .isTrue();
  }

  @Test
  void aTamperedBodyOrSubjectFails() {
    DkimSigner signer = new DkimSigner("cpansec.test", "s", PAIR.getPrivate(), CLOCK);
    String signed =
        new String(
            signer.sign(MESSAGE.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    DkimVerifier.Result body =
        DkimVerifier.verify(
            signed.replace("is here", "is there").getBytes(StandardCharsets.US_ASCII),
            PAIR.getPublic());
    assertThat(body.valid()).isFalse();
    assertThat(body.reason()).contains("body hash differs");
    DkimVerifier.Result subject =
        DkimVerifier.verify(
            signed.replace("Foo-Bar", "Baz").getBytes(StandardCharsets.US_ASCII), PAIR.getPublic());
    assertThat(subject.valid()).isFalse();
    assertThat(subject.reason()).contains("does not verify");
    // Signing with another key does not verify with this public key.
    byte[] other =
        new DkimSigner("cpansec.test", "s", TestKeys.dkim().getPrivate(), CLOCK)
            .sign(MESSAGE.getBytes(StandardCharsets.US_ASCII));
    assertThat(DkimVerifier.verify(other, PAIR.getPublic()).valid()).isFalse();
  }

  @Test
  void readsPkcs8AndPkcs1KeysAndRefusesOthers() throws Exception {
    String pkcs8 = TestKeys.pkcs8Pem(PAIR);
    assertThat(DkimSigner.readPrivateKey(pkcs8)).isEqualTo(PAIR.getPrivate());
    byte[] pkcs1 =
        PrivateKeyInfo.getInstance(PAIR.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    assertThat(DkimSigner.readPrivateKey(TestKeys.pem("RSA PRIVATE KEY", pkcs1)))
        .isEqualTo(PAIR.getPrivate());
    assertThatThrownBy(
            () ->
                DkimSigner.readPrivateKey(
                    "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .hasMessageContaining("BEGIN PRIVATE KEY");
    assertThatThrownBy(() -> new DkimProperties("cpansec.test", null, null))
        .hasMessageContaining("all three");
    assertThatThrownBy(() -> new DkimProperties("not a domain", "s", java.nio.file.Path.of("k")))
        .hasMessageContaining("domain");
  }
}
