package org.cpansec.server.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * One message as it goes over SMTP. Its envelope recipients may be fewer than its To and Cc (a mail
 * split into an encrypted and a plain delivery shows the same headers to everyone); its Message-ID
 * is the one given, not a random one; and with a {@link DkimSigner} the bytes written are signed
 * exactly as they are sent.
 */
final class OutgoingMessage extends MimeMessage {
  private static final Session SESSION = Session.getInstance(new Properties());

  private final String messageId;
  private final Address[] envelope;
  private final DkimSigner dkim;

  private OutgoingMessage(String messageId, List<String> envelope, DkimSigner dkim)
      throws MessagingException {
    super(SESSION);
    this.messageId = messageId;
    this.envelope = addresses(envelope);
    this.dkim = dkim;
  }

  /**
   * Builds a message: the headers from the row, the body as UTF-8 text, or (with keys) encrypted to
   * those keys as PGP/MIME (RFC 3156).
   */
  static OutgoingMessage build(
      String from,
      Outbox.Row row,
      String messageId,
      Date date,
      List<String> envelope,
      Collection<PGPPublicKey> encryptTo,
      DkimSigner dkim)
      throws MessagingException {
    OutgoingMessage m = new OutgoingMessage(messageId, envelope, dkim);
    m.setFrom(new InternetAddress(from));
    m.setRecipients(RecipientType.TO, addresses(row.to()));
    if (!row.cc().isEmpty()) {
      m.setRecipients(RecipientType.CC, addresses(row.cc()));
    }
    m.setSubject(row.subject(), "UTF-8");
    m.setSentDate(date);
    if (encryptTo.isEmpty()) {
      m.setText(row.body(), "UTF-8");
    } else {
      m.setContent(pgpMime(row.body(), encryptTo));
    }
    m.saveChanges();
    return m;
  }

  /**
   * The body as a PGP/MIME {@code multipart/encrypted}: a version part and the armoured encryption
   * of a complete {@code text/plain} MIME entity (quoted-printable, CRLF lines).
   */
  static MimeMultipart pgpMime(String body, Collection<PGPPublicKey> keys)
      throws MessagingException {
    MimeBodyPart inner = new MimeBodyPart();
    inner.setText(body, "UTF-8");
    // Written on its own, the part gets no headers from updateHeaders(): set them here.
    inner.setHeader("Content-Type", "text/plain; charset=UTF-8");
    inner.setHeader("Content-Transfer-Encoding", "quoted-printable");
    ByteArrayOutputStream entity = new ByteArrayOutputStream();
    try {
      inner.writeTo(entity);
    } catch (IOException e) {
      throw new MessagingException("cannot write the mail body", e);
    }
    byte[] armored = OpenPgp.encrypt(DkimSigner.toCrlf(entity.toByteArray()), keys);

    MimeBodyPart version = new MimeBodyPart();
    version.setDataHandler(
        new jakarta.activation.DataHandler(
            new ByteArrayDataSource(
                "Version: 1\r\n".getBytes(StandardCharsets.US_ASCII),
                "application/pgp-encrypted")));
    version.setHeader("Content-Type", "application/pgp-encrypted");
    version.setHeader("Content-Description", "PGP/MIME version identification");
    version.setHeader("Content-Transfer-Encoding", "7bit");

    MimeBodyPart data = new MimeBodyPart();
    data.setDataHandler(
        new jakarta.activation.DataHandler(
            new ByteArrayDataSource(armored, "application/octet-stream")));
    data.setHeader("Content-Type", "application/octet-stream; name=\"encrypted.asc\"");
    data.setHeader("Content-Description", "OpenPGP encrypted message");
    data.setHeader("Content-Disposition", "inline; filename=\"encrypted.asc\"");
    data.setHeader("Content-Transfer-Encoding", "7bit");

    MimeMultipart encrypted = new EncryptedMultipart();
    encrypted.addBodyPart(version);
    encrypted.addBodyPart(data);
    return encrypted;
  }

  /** {@code multipart/encrypted; protocol="application/pgp-encrypted"}. */
  private static final class EncryptedMultipart extends MimeMultipart {
    EncryptedMultipart() throws MessagingException {
      super("encrypted");
      ContentType type = new ContentType(contentType);
      type.setParameter("protocol", "application/pgp-encrypted");
      contentType = type.toString();
    }
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }

  @Override
  public Address[] getAllRecipients() {
    return envelope.clone();
  }

  @Override
  public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    super.writeTo(bytes, ignoreList);
    byte[] crlf = DkimSigner.toCrlf(bytes.toByteArray());
    os.write(dkim == null ? crlf : dkim.sign(crlf));
  }

  private static Address[] addresses(List<String> list) throws MessagingException {
    Address[] out = new Address[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new InternetAddress(list.get(i), true);
    }
    return out;
  }
}
