package org.cpansec.server.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cpansec.server.mail.PgpDecryptor;
import org.cpansec.server.mail.PgpException;
import org.cpansec.server.mail.PgpProperties;
import org.cpansec.server.mail.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * Decrypting mail sent to the platform's key, on the bytes alone (keys made at test time): PGP/MIME
 * becomes the outer headers with the clear entity, inline OpenPGP keeps the text around the block,
 * and what cannot be decrypted is refused with the reason. The clear message reads like any mail.
 */
class MailDecryptionTest {
  private static final TestKeys.Pgp PLATFORM = TestKeys.pgp("team@cpansec.test");
  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);

  private final MailDecryption decryption =
      new MailDecryption(
          PgpDecryptor.fromSecretKey(PLATFORM.secretKey(), PLATFORM.passphrase().toCharArray()));
  private final MailParser parser =
      new MailParser(new MailParser.Limits(1 << 20, 100_000, 1 << 16, 1 << 18, 5));

  @Test
  void pgpMimeBecomesTheOuterHeadersWithTheClearEntity() {
    byte[] clear =
        RawMail.entity()
            .text("Heap overflow in XS-Thing.")
            .attach("poc.c", "text/x-c", "int main;".getBytes(StandardCharsets.UTF_8))
            .bytes();
    byte[] raw =
        RawMail.from("Ida <ida@example.org>", "Report")
            .messageId("pgp-mime@example.org")
            .pgpMime(MailIntakeContractTest.encrypt(clear, PLATFORM));

    MailParser.Parsed p = parsed(decryption.decrypt(raw));

    assertThat(p.encryption()).isNull();
    assertThat(p.mail().from()).isEqualTo("ida@example.org");
    assertThat(p.mail().subject()).isEqualTo("Report");
    assertThat(p.mail().messageId()).isEqualTo("<pgp-mime@example.org>");
    assertThat(p.mail().text()).isEqualTo("Heap overflow in XS-Thing.");
    assertThat(p.mail().attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.fileName()).isEqualTo("poc.c"));
  }

  @Test
  void inlineBlocksAreReplacedByTheirClearTextAndTheRestIsKept() {
    String block =
        MailIntakeContractTest.encrypt(
            "The fix is in 2.0.".getBytes(StandardCharsets.UTF_8), PLATFORM);
    byte[] raw =
        RawMail.from("maint@example.org", "Re: [CPANSEC-2026-0001]")
            .messageId("inline@example.org")
            .text("Hello,\n\n" + block + "\nRegards")
            .bytes();

    MailParser.Parsed p = parsed(decryption.decrypt(raw));

    assertThat(p.encryption()).isNull();
    assertThat(p.mail().messageId()).isEqualTo("<inline@example.org>");
    assertThat(p.mail().text())
        .contains("Hello,", "The fix is in 2.0.", "Regards")
        .doesNotContain("PGP");
  }

  @Test
  void whatCannotBeDecryptedIsRefusedWithTheReason() {
    TestKeys.Pgp other = TestKeys.pgp("other@example.org");
    byte[] forOther =
        RawMail.from("gail@example.org", "x")
            .pgpMime(
                MailIntakeContractTest.encrypt("secret".getBytes(StandardCharsets.UTF_8), other));
    assertThatThrownBy(() -> decryption.decrypt(forOther))
        .isInstanceOf(PgpException.class)
        .hasMessage("the message is not encrypted to the platform's key");
    byte[] noBlock =
        RawMail.from("gail@example.org", "x").text("-----BEGIN PGP MESSAGE-----\nxyz").bytes();
    assertThatThrownBy(() -> decryption.decrypt(noBlock))
        .isInstanceOf(PgpException.class)
        .hasMessageContaining("no text part holds a complete");
    assertThat(decryption.unsupported("S/MIME")).contains("only OpenPGP mail");
    assertThat(
            new MailDecryption(new PgpDecryptor(new PgpProperties(null, null)))
                .unsupported("PGP/MIME"))
        .contains("no platform key is configured");
    assertThat(decryption.unsupported("inline OpenPGP")).isNull();
  }

  private MailParser.Parsed parsed(byte[] raw) {
    MailParser.Result r = parser.parse(raw, NOW);
    assertThat(r).isInstanceOf(MailParser.Parsed.class);
    return (MailParser.Parsed) r;
  }
}
