package org.cpansec.server.mailin;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Properties;
import org.cpansec.server.mail.PgpDecryptor;
import org.cpansec.server.mail.PgpException;
import org.springframework.stereotype.Component;

/**
 * Turns an OpenPGP-encrypted mail sent to the platform's key into the clear message it carries, so
 * that mail intake can take it in like any other: PGP/MIME (RFC 3156) becomes the outer headers
 * (From, Subject, Message-ID, ...) with the decrypted MIME entity as the body; inline OpenPGP has
 * each armoured block of its text parts replaced by the decrypted text, everything else kept. The
 * decryption itself, with its integrity check, is {@link PgpDecryptor}'s.
 */
@Component
class MailDecryption {
  private static final String[] CONTENT_HEADERS = {
    "Content-Type",
    "Content-Transfer-Encoding",
    "Content-Disposition",
    "Content-ID",
    "Content-Description",
    "MIME-Version"
  };
  private static final String BEGIN = "-----BEGIN PGP MESSAGE-----";
  private static final String END = "-----END PGP MESSAGE-----";
  private static final int MAX_DEPTH = 20;

  private final PgpDecryptor pgp;
  private final Session session = Session.getInstance(new Properties());

  MailDecryption(PgpDecryptor pgp) {
    this.pgp = pgp;
  }

  /**
   * Why a mail encrypted this way cannot be decrypted here; null when it can be tried.
   *
   * @param scheme how mail intake found it encrypted: "PGP/MIME", "inline OpenPGP", "S/MIME", ...
   */
  String unsupported(String scheme) {
    if (!"PGP/MIME".equals(scheme) && !"inline OpenPGP".equals(scheme)) {
      return "only OpenPGP mail is decrypted, and this is " + scheme;
    }
    if (!pgp.configured()) {
      return "no platform key is configured (cpansec.mail.pgp.secret-key-file)";
    }
    return null;
  }

  /**
   * The clear message, as RFC 822 bytes.
   *
   * @throws PgpException when the mail holds nothing the platform's key decrypts, or a decrypted
   *     part fails its integrity check
   */
  byte[] decrypt(byte[] raw) {
    try {
      MimeMessage m = new KeepMessageId(session, raw);
      if (PgpDecryptor.isPgpMime(m)) {
        return pgpMime(m);
      }
      if (!inline(m, 0)) {
        throw new PgpException("no text part holds a complete -----BEGIN PGP MESSAGE----- block");
      }
      // A parsed message counts as saved: without this, writeTo would copy the original bytes.
      m.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
      m.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new PgpException("the encrypted mail could not be read: " + e.getMessage(), e);
    }
  }

  /** The outer headers, less those describing the (encrypted) content, then the clear entity. */
  private byte[] pgpMime(MimeMessage m) throws MessagingException, IOException {
    MimeBodyPart clear = pgp.decrypt(m);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Enumeration<String> lines = m.getNonMatchingHeaderLines(CONTENT_HEADERS);
    while (lines.hasMoreElements()) {
      out.write((lines.nextElement() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.write("MIME-Version: 1.0\r\n".getBytes(StandardCharsets.US_ASCII));
    clear.writeTo(out);
    return out.toByteArray();
  }

  /** Replaces the armoured blocks of every plain-text part; whether any was found. */
  private boolean inline(Part p, int depth) throws MessagingException, IOException {
    if (depth > MAX_DEPTH) {
      throw new MessagingException("MIME parts nested more than " + MAX_DEPTH + " deep");
    }
    if (p.isMimeType("multipart/*")) {
      if (!(p.getContent() instanceof Multipart mp)) {
        return false;
      }
      boolean any = false;
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart b = mp.getBodyPart(i);
        any |= inline(b, depth + 1);
      }
      return any;
    }
    if (!(p instanceof MimePart part)
        || !p.isMimeType("text/plain")
        || Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
      return false;
    }
    if (!(p.getContent() instanceof String text) || !PgpDecryptor.looksEncrypted(text)) {
      return false;
    }
    StringBuilder clear = new StringBuilder();
    int from = 0;
    for (int start = text.indexOf(BEGIN); start >= 0; start = text.indexOf(BEGIN, from)) {
      int end = text.indexOf(END, start);
      if (end < 0) {
        break;
      }
      end += END.length();
      clear.append(text, from, start).append(pgp.decryptText(text.substring(start, end)));
      from = end;
    }
    clear.append(text.substring(from));
    part.setText(clear.toString(), "UTF-8");
    return true;
  }

  /** A parsed message that keeps its Message-ID when written out again after a change. */
  private static final class KeepMessageId extends MimeMessage {
    KeepMessageId(Session session, byte[] raw) throws MessagingException {
      super(session, new ByteArrayInputStream(raw));
    }

    @Override
    protected void updateMessageID() {
      // The sender's Message-ID stays: it names the message in the intake records.
    }
  }
}
