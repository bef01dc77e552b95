package org.cpansec.server.mailin;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.intake.Attachment;

/**
 * Reads one raw message (RFC 822 bytes) into an {@link InboundMail}, or says why it cannot be taken
 * in. Works on the bytes only: no network, no database. Attachments over the limits are left out
 * with a note saying which and why; the message as a whole is rejected (to be quarantined) when it
 * is over the size limit, cannot be parsed, has no sender, or has no text.
 */
final class MailParser {
  /** A case reference in a subject: {@code [CPANSEC-2026-0001]}. */
  static final Pattern CASE_REFERENCE =
      Pattern.compile("\\[\\s*(CPANSEC-\\d{4}-\\d{4,6})\\s*]", Pattern.CASE_INSENSITIVE);

  private static final Pattern MALWARE = Pattern.compile("(?i)\\bmalware\\b");
  private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");
  private static final String PGP_ARMOUR = "-----BEGIN PGP MESSAGE-----";
  private static final int MAX_DEPTH = 20;
  private static final int MAX_MESSAGE_ID = 990;

  /** The limits a message is read within. */
  record Limits(
      long maxMessageSize, int maxTextLength, long maxFileSize, long maxTotalSize, int maxCount) {}

  /** What reading a message gave. */
  sealed interface Result permits Parsed, Rejected {}

  /**
   * A message that can be taken in.
   *
   * @param mail the message
   * @param encryption how it is encrypted ("PGP/MIME", "inline OpenPGP", "S/MIME"), or null
   * @param automatic sent by a machine (auto-reply, bounce, list traffic): gets no receipt
   * @param dropped how many attachments were left out (each has a note in the mail)
   */
  record Parsed(InboundMail mail, String encryption, boolean automatic, int dropped)
      implements Result {}

  /** A message to quarantine, with what could be read of its headers. */
  record Rejected(String reason, String messageId, String sender, String subject)
      implements Result {}

  private final Session session;
  private final Limits limits;

  MailParser(Limits limits) {
    this.limits = limits;
    this.session = Session.getInstance(new Properties());
  }

  /**
   * The key two copies of one message share: its Message-ID, or, without one, a SHA-256 of the
   * headers that describe it (From, To, Cc, Date, Subject) and of the body — not of trace headers
   * (Received, Delivered-To...) that differ between deliveries of the same message.
   */
  static String dedupeKey(byte[] raw) {
    InternetHeaders h = headers(raw);
    String id = h == null ? null : messageId(h.getHeader("Message-ID", null));
    if (id != null) {
      return id.length() <= MAX_MESSAGE_ID ? "mid:" + id : "mid-sha256:" + sha256(bytes(id));
    }
    MessageDigest d = digest();
    if (h != null) {
      for (String name : List.of("From", "To", "Cc", "Date", "Subject")) {
        String v = h.getHeader(name, "\n");
        d.update(bytes(name + ":" + (v == null ? "" : v.strip()) + "\n"));
      }
    }
    int body = bodyStart(raw);
    d.update(raw, body, raw.length - body);
    return "sha256:" + HexFormat.of().formatHex(d.digest());
  }

  Result parse(byte[] raw, OffsetDateTime receivedAt) {
    if (raw.length > limits.maxMessageSize()) {
      return rejected(
          raw,
          "too large: the message is "
              + Sizes.human(raw.length)
              + "; mail intake takes at most "
              + Sizes.human(limits.maxMessageSize()));
    }
    try {
      return read(raw, receivedAt);
    } catch (MessagingException | IOException | RuntimeException e) {
      return rejected(raw, clean("cannot be parsed: " + describe(e)));
    }
  }

  private Result read(byte[] raw, OffsetDateTime receivedAt)
      throws MessagingException, IOException {
    MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
    String messageId = messageId(m.getHeader("Message-ID", null));
    String subject = oneLine(m.getSubject());
    String fromHeader = m.getHeader("From", ",");
    if (fromHeader == null || fromHeader.isBlank()) {
      return new Rejected("no sender: the message has no From header", messageId, null, subject);
    }
    InternetAddress from;
    try {
      from = firstAddress(fromHeader);
    } catch (AddressException e) {
      return new Rejected(
          "no sender: the From header is not an address (" + e.getMessage() + ")",
          messageId,
          null,
          subject);
    }
    if (from == null) {
      return new Rejected("no sender: the From header names no address", messageId, null, subject);
    }
    String address = from.getAddress();
    String name = from.getPersonal() == null ? null : clean(from.getPersonal()).strip();

    Walk walk = new Walk();
    walk.part(m, 0);
    String text = walk.plain.toString().strip();
    List<String> notes = new ArrayList<>();
    if (text.isEmpty() && !walk.html.isEmpty()) {
      text = HtmlText.toText(walk.html.toString());
      notes.add("The message had no plain-text part; its HTML part was reduced to text.");
    }
    text = clean(text).replace("\r\n", "\n").replace('\r', '\n');
    String encryption = walk.encryption;
    if (encryption == null && text.contains(PGP_ARMOUR)) {
      encryption = "inline OpenPGP";
    }
    if (encryption == null && text.isBlank()) {
      return new Rejected(
          "no text: the message has no readable text body", messageId, address, subject);
    }
    if (text.length() > limits.maxTextLength()) {
      return new Rejected(
          "text too long: "
              + text.length()
              + " characters; mail intake takes at most "
              + limits.maxTextLength(),
          messageId,
          address,
          subject);
    }
    List<Attachment> kept = new ArrayList<>();
    if (encryption == null) {
      keepWithinLimits(walk.files, kept, notes);
    }
    int dropped = encryption == null ? walk.files.size() - kept.size() : 0;
    InboundMail mail =
        new InboundMail(
            messageId,
            address,
            name == null || name.isEmpty() ? null : Sizes.clip(name, 200),
            subject,
            text,
            receivedAt,
            kept,
            notes);
    return new Parsed(mail, encryption, automatic(m, address), dropped);
  }

  /** Keeps files in order while they fit the web form's limits; notes each one left out. */
  private void keepWithinLimits(List<Attachment> files, List<Attachment> kept, List<String> notes) {
    long total = 0;
    for (Attachment a : files) {
      String what = "Attachment “" + a.fileName() + "” (" + Sizes.human(a.size()) + ")";
      if (a.size() > limits.maxFileSize()) {
        notes.add(
            what
                + " was not kept: each file may be at most "
                + Sizes.human(limits.maxFileSize())
                + ".");
      } else if (kept.size() >= limits.maxCount()) {
        notes.add(what + " was not kept: a report keeps at most " + limits.maxCount() + " files.");
      } else if (total + a.size() > limits.maxTotalSize()) {
        notes.add(
            what
                + " was not kept: with the files before it, it would exceed "
                + Sizes.human(limits.maxTotalSize())
                + " together.");
      } else {
        kept.add(a);
        total += a.size();
      }
    }
  }

  /** Collects the text and the files of a message, depth first. */
  private final class Walk {
    final StringBuilder plain = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final List<Attachment> files = new ArrayList<>();
    String encryption;
    int unnamed;

    void part(Part p, int depth) throws MessagingException, IOException {
      if (depth > MAX_DEPTH) {
        throw new MessagingException("MIME parts nested more than " + MAX_DEPTH + " deep");
      }
      if (p.isMimeType("multipart/encrypted")) {
        String protocol = new ContentType(p.getContentType()).getParameter("protocol");
        encryption =
            protocol != null && protocol.toLowerCase(Locale.ROOT).contains("pgp")
                ? "PGP/MIME"
                : "encrypted MIME";
        return;
      }
      if (p.isMimeType("application/pkcs7-mime") || p.isMimeType("application/x-pkcs7-mime")) {
        encryption = "S/MIME";
        return;
      }
      if (p.isMimeType("multipart/alternative")) {
        Multipart mp = multipart(p);
        BodyPart chosen = null;
        for (int i = 0; i < mp.getCount() && chosen == null; i++) {
          BodyPart b = mp.getBodyPart(i);
          if (b.isMimeType("text/plain") && !isFile(b)) {
            chosen = b;
          }
        }
        if (chosen == null && mp.getCount() > 0) {
          chosen = mp.getBodyPart(mp.getCount() - 1);
        }
        if (chosen != null) {
          part(chosen, depth + 1);
        }
      } else if (p.isMimeType("multipart/*")) {
        Multipart mp = multipart(p);
        for (int i = 0; i < mp.getCount(); i++) {
          part(mp.getBodyPart(i), depth + 1);
        }
      } else if (p.isMimeType("message/rfc822")) {
        file(p, "forwarded-message", ".eml");
      } else if (isFile(p) || !p.isMimeType("text/*")) {
        file(p, "attachment", "");
      } else if (p.isMimeType("text/html")) {
        append(html, text(p));
      } else {
        // text/plain, and other inline text without a name.
        append(plain, text(p));
      }
    }

    private void file(Part p, String fallback, String extension)
        throws MessagingException, IOException {
      String name = fileName(p);
      if (name == null) {
        unnamed++;
        name = fallback + "-" + unnamed + extension;
      }
      byte[] content;
      try (InputStream in = p.getInputStream()) {
        content = in.readAllBytes();
      }
      files.add(Attachment.of(name, content));
    }
  }

  private static Multipart multipart(Part p) throws MessagingException, IOException {
    Object content = p.getContent();
    if (content instanceof Multipart mp) {
      return mp;
    }
    throw new MessagingException("a " + baseType(p) + " part without a readable body");
  }

  private static String baseType(Part p) throws MessagingException {
    try {
      return new ContentType(p.getContentType()).getBaseType();
    } catch (MessagingException e) {
      return "multipart";
    }
  }

  private static void append(StringBuilder to, String text) {
    if (text.isBlank()) {
      return;
    }
    if (!to.isEmpty()) {
      to.append("\n\n");
    }
    to.append(text.strip());
  }

  /** A named part, or one the sender marked as an attachment, is a file. */
  private static boolean isFile(Part p) throws MessagingException {
    return Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || fileName(p) != null;
  }

  private static String fileName(Part p) throws MessagingException {
    String name;
    try {
      name = p.getFileName();
    } catch (MessagingException e) {
      return null;
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return MimeUtility.decodeText(name);
    } catch (UnsupportedEncodingException e) {
      return name;
    }
  }

  /** The text of a text part in its declared charset; an unknown charset is read as UTF-8. */
  private static String text(Part p) throws MessagingException, IOException {
    try {
      Object content = p.getContent();
      if (content instanceof String s) {
        return s;
      }
    } catch (UnsupportedEncodingException e) {
      // An unknown charset: fall through to the bytes.
    }
    try (InputStream in = p.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InternetAddress firstAddress(String header) throws AddressException {
    for (InternetAddress a : InternetAddress.parseHeader(header, true)) {
      String address = a.getAddress();
      if (address != null && address.contains("@") && address.length() <= 320) {
        a.validate();
        return a;
      }
    }
    return null;
  }

  /**
   * Machine-sent mail, which must not be answered (RFC 3834): auto-replies, bounces, list and bulk
   * mail.
   */
  private static boolean automatic(MimeMessage m, String from) throws MessagingException {
    String auto = m.getHeader("Auto-Submitted", null);
    if (auto != null && !auto.strip().equalsIgnoreCase("no")) {
      return true;
    }
    String precedence = m.getHeader("Precedence", null);
    if (precedence != null
        && List.of("bulk", "junk", "list").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return true;
    }
    return m.isMimeType("multipart/report")
        || from.toLowerCase(Locale.ROOT).startsWith("mailer-daemon@");
  }

  /** Asked to keep their identity private: the first line says so (any case, any punctuation). */
  static boolean asksToKeepIdentityPrivate(String text) {
    for (String line : (Iterable<String>) text.lines()::iterator) {
      if (!line.isBlank()) {
        String words = NOT_LETTERS.matcher(line.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return words.equals("keep my identity private");
      }
    }
    return false;
  }

  /** The case reference a subject carries, upper-cased; null when none. */
  static String caseReference(String subject) {
    Matcher m = CASE_REFERENCE.matcher(subject == null ? "" : subject);
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
  }

  /** A report is about malware when its subject says so; otherwise it is a vulnerability. */
  static boolean mentionsMalware(String subject) {
    return subject != null && MALWARE.matcher(subject).find();
  }

  /** What can be read of a message that is to be quarantined: ids for the intake record. */
  private static Rejected rejected(byte[] raw, String reason) {
    InternetHeaders h = headers(raw);
    if (h == null) {
      return new Rejected(reason, null, null, null);
    }
    String sender = null;
    String from = h.getHeader("From", ",");
    if (from != null) {
      try {
        InternetAddress a = firstAddress(from);
        sender = a == null ? null : a.getAddress();
      } catch (AddressException e) {
        sender = null;
      }
    }
    String subject = h.getHeader("Subject", " ");
    if (subject != null) {
      try {
        subject = MimeUtility.decodeText(subject);
      } catch (UnsupportedEncodingException e) {
        // Keep it encoded.
      }
    }
    return new Rejected(
        reason, messageId(h.getHeader("Message-ID", null)), sender, oneLine(subject));
  }

  private static InternetHeaders headers(byte[] raw) {
    try {
      return new InternetHeaders(new ByteArrayInputStream(raw));
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  /** A Message-ID without the whitespace of folding; null when absent or blank. */
  static String messageId(String header) {
    if (header == null) {
      return null;
    }
    String id = clean(header).replaceAll("\\s+", "");
    return id.isEmpty() ? null : id;
  }

  /** Where the body starts: after the first empty line (CRLF or LF); the end when there is none. */
  private static int bodyStart(byte[] raw) {
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n') {
        if (i + 1 < raw.length && raw[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return raw.length;
  }

  private static String oneLine(String s) {
    return s == null ? "" : clean(s).replaceAll("\\s+", " ").strip();
  }

  /** Text as the databases take it: PostgreSQL refuses NUL in TEXT. */
  static String clean(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] b) {
    return HexFormat.of().formatHex(digest().digest(b));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
