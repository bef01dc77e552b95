package org.cpansec.server.mailin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.cpansec.server.mailin.MailParser.Parsed;
import org.cpansec.server.mailin.MailParser.Rejected;
import org.junit.jupiter.api.Test;

/** Reading raw messages: text, attachments within the limits, and the reasons for quarantine. */
class MailParserTest {
  private static final OffsetDateTime AT =
      OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
  private final MailParser parser =
      new MailParser(new MailParser.Limits(64 * 1024, 5000, 1000, 1500, 2));

  private Parsed parsed(byte[] raw) {
    MailParser.Result r = parser.parse(raw, AT);
    assertThat(r).as("%s", r).isInstanceOf(Parsed.class);
    return (Parsed) r;
  }

  private Rejected rejected(byte[] raw) {
    MailParser.Result r = parser.parse(raw, AT);
    assertThat(r).as("%s", r).isInstanceOf(Rejected.class);
    return (Rejected) r;
  }

  @Test
  void plainMailGivesSenderSubjectAndText() {
    Parsed p =
        parsed(
            RawMail.from("Ann Finder <ann@example.org>", "=?UTF-8?Q?Foo=E2=80=93Bar_leaks?=")
                .messageId("m1@example.org")
                .text("Foo::Bar 1.2 evaluates its input.\nProof below.\n")
                .bytes());
    assertThat(p.mail().from()).isEqualTo("ann@example.org");
    assertThat(p.mail().fromName()).isEqualTo("Ann Finder");
    assertThat(p.mail().subject()).isEqualTo("Foo–Bar leaks");
    assertThat(p.mail().text()).isEqualTo("Foo::Bar 1.2 evaluates its input.\nProof below.");
    assertThat(p.mail().messageId()).isEqualTo("<m1@example.org>");
    assertThat(p.mail().attachments()).isEmpty();
    assertThat(p.encryption()).isNull();
    assertThat(p.automatic()).isFalse();
  }

  @Test
  void attachmentsOverTheLimitsAreLeftOutWithANoteEach() {
    byte[] small = "print 1;\n".repeat(50).getBytes(); // 450 bytes
    byte[] big = new byte[1200];
    Arrays.fill(big, (byte) 'x');
    Parsed p =
        parsed(
            RawMail.from("ann@example.org", "PoC")
                .text("See the files.")
                .attach("poc.pl", "text/x-perl", small)
                .attach("core.dump", "application/octet-stream", big)
                .attach("second.pl", "text/x-perl", small)
                .attach("third.pl", "text/x-perl", small)
                .attach("fourth.pl", "text/x-perl", small)
                .bytes());
    assertThat(p.mail().attachments())
        .extracting(a -> a.fileName())
        .containsExactly("poc.pl", "second.pl");
    assertThat(p.mail().attachments().get(0).content()).isEqualTo(small);
    assertThat(p.mail().attachments().get(0).contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(p.dropped()).isEqualTo(3);
    assertThat(p.mail().notes())
        .containsExactly(
            "Attachment “core.dump” (1.2 KiB) was not kept: each file may be at most 1000 bytes.",
            "Attachment “third.pl” (450 bytes) was not kept: a report keeps at most 2 files.",
            "Attachment “fourth.pl” (450 bytes) was not kept: a report keeps at most 2 files.");
    assertThat(p.mail().text()).isEqualTo("See the files.");
  }

  @Test
  void theTotalLimitIsNamedWhenTheFilesTogetherAreTooLarge() {
    MailParser roomy = new MailParser(new MailParser.Limits(64 * 1024, 5000, 1000, 1000, 5));
    byte[] six = new byte[600];
    MailParser.Result r =
        roomy.parse(
            RawMail.from("ann@example.org", "PoC")
                .text("Two files.")
                .attach("a.bin", "application/octet-stream", six)
                .attach("b.bin", "application/octet-stream", six)
                .bytes(),
            AT);
    Parsed p = (Parsed) r;
    assertThat(p.mail().attachments()).extracting(a -> a.fileName()).containsExactly("a.bin");
    assertThat(p.mail().notes())
        .containsExactly(
            "Attachment “b.bin” (600 bytes) was not kept: with the files before it, it would"
                + " exceed 1000 bytes together.");
  }

  @Test
  void anHtmlOnlyMailIsReducedToText() {
    Parsed p =
        parsed(
            RawMail.from("ann@example.org", "html")
                .contentType("text/html; charset=UTF-8")
                .text(
                    "<html><head><style>p{}</style></head><body><p>Line &amp; one</p>"
                        + "<p>Line&nbsp;two &#8211; <b>bold</b></p><script>x()</script></body></html>")
                .bytes());
    assertThat(p.mail().text()).isEqualTo("Line & one\nLine two – bold");
    assertThat(p.mail().notes()).anyMatch(n -> n.contains("HTML part was reduced to text"));
  }

  @Test
  void theFirstLineCanAskToKeepTheIdentityPrivate() {
    assertThat(MailParser.asksToKeepIdentityPrivate("Keep my identity private\nFoo")).isTrue();
    assertThat(MailParser.asksToKeepIdentityPrivate("\n  KEEP my  identity, PRIVATE!!  \nFoo"))
        .isTrue();
    assertThat(MailParser.asksToKeepIdentityPrivate("keep-my-identity-private.")).isTrue();
    assertThat(MailParser.asksToKeepIdentityPrivate("Hello\nkeep my identity private")).isFalse();
    assertThat(MailParser.asksToKeepIdentityPrivate("Please keep my identity private")).isFalse();
    assertThat(MailParser.asksToKeepIdentityPrivate("")).isFalse();
  }

  @Test
  void subjectsCarryCaseReferencesAndTheMalwareWord() {
    assertThat(MailParser.caseReference("Re: [cpansec-2026-0001] Foo"))
        .isEqualTo("CPANSEC-2026-0001");
    assertThat(MailParser.caseReference("Re: CPANSEC-2026-0001 Foo")).isNull();
    assertThat(MailParser.caseReference(null)).isNull();
    assertThat(MailParser.mentionsMalware("Malware in Foo-Bar 1.0")).isTrue();
    assertThat(MailParser.mentionsMalware("Antimalware module bug")).isFalse();
  }

  @Test
  void withoutFromTheMessageIsRejected() {
    Rejected r =
        rejected(
            RawMail.bytes(
                "To: team@cpansec.test\nSubject: who am I\nMessage-ID: <x1@example.org>\n\nHello.\n"));
    assertThat(r.reason()).startsWith("no sender");
    assertThat(r.messageId()).isEqualTo("<x1@example.org>");
    assertThat(r.subject()).isEqualTo("who am I");
  }

  @Test
  void aFromThatIsNoAddressIsRejected() {
    assertThat(rejected(RawMail.bytes("From: nobody\nSubject: s\n\nHello.\n")).reason())
        .startsWith("no sender");
  }

  @Test
  void withoutTextTheMessageIsRejected() {
    Rejected r =
        rejected(
            RawMail.from("ann@example.org", "only a file")
                .text("   \n")
                .attach("poc.pl", "text/x-perl", "print 1;".getBytes())
                .bytes());
    assertThat(r.reason()).startsWith("no text");
    assertThat(r.sender()).isEqualTo("ann@example.org");
  }

  @Test
  void anOversizeMessageIsRejectedBeforeParsing() {
    Rejected r =
        rejected(RawMail.from("ann@example.org", "big").text("y".repeat(70 * 1024)).bytes());
    assertThat(r.reason())
        .isEqualTo("too large: the message is 70.2 KiB; mail intake takes at most 64.0 KiB");
    assertThat(r.sender()).isEqualTo("ann@example.org");
  }

  @Test
  void tooMuchTextIsRejected() {
    assertThat(
            rejected(RawMail.from("ann@example.org", "long").text("z".repeat(6000)).bytes())
                .reason())
        .startsWith("text too long: 6000 characters");
  }

  @Test
  void aBrokenMultipartCannotBeParsed() {
    Rejected r =
        rejected(
            RawMail.bytes(
                "From: ann@example.org\nSubject: broken\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/mixed\n\nno boundary anywhere\n"));
    assertThat(r.reason()).startsWith("cannot be parsed");
  }

  @Test
  void pgpMimeAndInlineArmourAreRecognisedAsEncrypted() {
    Parsed mime =
        parsed(
            RawMail.bytes(
                "From: ann@example.org\nSubject: secret\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";"
                    + " boundary=\"b\"\n\n--b\nContent-Type: application/pgp-encrypted\n\n"
                    + "Version: 1\n--b\nContent-Type: application/octet-stream\n\n"
                    + "-----BEGIN PGP MESSAGE-----\nhQEMA\n-----END PGP MESSAGE-----\n--b--\n"));
    assertThat(mime.encryption()).isEqualTo("PGP/MIME");
    Parsed inline =
        parsed(
            RawMail.from("ann@example.org", "secret")
                .text("-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n")
                .bytes());
    assertThat(inline.encryption()).isEqualTo("inline OpenPGP");
  }

  @Test
  void autoRepliesAndBouncesAreAutomatic() {
    assertThat(
            parsed(
                    RawMail.from("ann@example.org", "Out of office")
                        .header("Auto-Submitted", "auto-replied")
                        .text("Back Monday.")
                        .bytes())
                .automatic())
        .isTrue();
    assertThat(
            parsed(RawMail.from("MAILER-DAEMON@mx.example", "Undelivered").text("550").bytes())
                .automatic())
        .isTrue();
  }

  @Test
  void nulCharactersAreDropped() {
    assertThat(parsed(RawMail.from("ann@example.org", "nul").text("a\0b").bytes()).mail().text())
        .isEqualTo("ab");
  }

  @Test
  void theDedupeKeyIsTheMessageIdOrAHashOfTheContent() {
    byte[] withId = RawMail.from("ann@example.org", "s").messageId("k@x").text("t").bytes();
    assertThat(MailParser.dedupeKey(withId)).isEqualTo("mid:<k@x>");
    String plain =
        "From: ann@example.org\nSubject: s\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n\nBody.\n";
    String key = MailParser.dedupeKey(RawMail.bytes(plain));
    assertThat(key).startsWith("sha256:").hasSize(7 + 64);
    // Another delivery of the same message differs only in trace headers: same key.
    assertThat(
            MailParser.dedupeKey(RawMail.bytes("Received: from a by b\nDelivered-To: x\n" + plain)))
        .isEqualTo(key);
    assertThat(MailParser.dedupeKey(RawMail.bytes(plain.replace("Body.", "Body!"))))
        .isNotEqualTo(key);
    assertThat(MailParser.dedupeKey(RawMail.bytes(plain.replace("Subject: s", "Subject: t"))))
        .isNotEqualTo(key);
  }
}
