package org.cpansec.server.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpansec.server.audit.AuditLog;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The private discussion of a case. Members who see the case comment; only CNA members share a
 * comment with the case's external parties. A comment is edited by its author only, and every edit
 * keeps what it replaced: the previous body and sharing, when, and by whom.
 */
@Service
public class CaseComments {
  static final int MAX_BODY = 20000;

  private final JdbcClient jdbc;
  private final CaseAccess access;
  private final CaseStore store;
  private final CaseAttachments attachments;
  private final AuditLog audit;
  private final Clock clock;

  CaseComments(
      JdbcClient jdbc,
      CaseAccess access,
      CaseStore store,
      CaseAttachments attachments,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.store = store;
    this.attachments = attachments;
    this.audit = audit;
    this.clock = clock;
  }

  /** What a comment said before an edit. */
  public record Revision(
      String body, boolean shared, OffsetDateTime replacedAt, String replacedBy) {}

  /**
   * A comment with its author: a member ({@code memberId}, {@code memberName}) or an external party
   * ({@code grantId}, {@code party}, {@code grantName}); revisions oldest first. {@code
   * receivedByMailFrom} is the sender's address when the comment came by mail, else null.
   */
  public record Comment(
      long id,
      Long memberId,
      String memberName,
      Long grantId,
      Party party,
      String grantName,
      String body,
      boolean shared,
      OffsetDateTime createdAt,
      OffsetDateTime editedAt,
      List<Revision> revisions,
      String receivedByMailFrom) {

    /** Whether the comment came by mail (mail intake), rather than through a page. */
    public boolean receivedByMail() {
      return receivedByMailFrom != null;
    }

    /** The author as members see it. */
    public String author() {
      if (memberId != null) {
        return memberName;
      }
      return (grantName == null ? "" : grantName + ", ") + party.text() + " (external link)";
    }
  }

  /** Adds a member's comment; returns its id. */
  @Transactional
  public long add(String reference, String body, boolean shared, Viewer viewer) {
    CaseRecord c = access.forMember(reference, viewer);
    if (shared && !CaseAccess.isCnaMember(CaseAccess.member(viewer))) {
      throw CaseRefusedException.notAllowed(
          "Only CNA members share comments with external parties.");
    }
    String text = Texts.required(body, "The comment", MAX_BODY);
    OffsetDateTime at = now();
    long id = insert(c.id(), CaseAccess.member(viewer).id(), null, text, shared, at);
    store.touch(c.id(), at);
    audit.append(
        viewer.actor(),
        "case.comment.add",
        c.id(),
        "comment " + id + (shared ? ", shared with external parties" : ""));
    return id;
  }

  /** Edits a member's own comment, keeping the previous version. */
  @Transactional
  public void edit(String reference, long commentId, String body, boolean shared, Viewer viewer) {
    CaseRecord c = access.forMember(reference, viewer);
    long me = CaseAccess.member(viewer).id();
    Comment old =
        one(c.id(), commentId)
            .orElseThrow(() -> CaseRefusedException.invalid("This case has no such comment."));
    if (old.memberId() == null || old.memberId() != me) {
      throw CaseRefusedException.notAllowed("Only the author edits a comment.");
    }
    if (shared != old.shared() && !CaseAccess.isCnaMember(CaseAccess.member(viewer))) {
      throw CaseRefusedException.notAllowed(
          "Only CNA members share comments with external parties.");
    }
    String text = Texts.required(body, "The comment", MAX_BODY);
    if (text.equals(old.body()) && shared == old.shared()) {
      throw CaseRefusedException.invalid("Nothing changed: the comment is as it was.");
    }
    OffsetDateTime at = now();
    jdbc.sql(
            "INSERT INTO case_comment_revision (comment_id, body, shared, replaced_at,"
                + " replaced_by) VALUES (?, ?, ?, ?, ?)")
        .params(commentId, old.body(), old.shared(), at, me)
        .update();
    jdbc.sql("UPDATE case_comment SET body = ?, shared = ?, edited_at = ? WHERE id = ?")
        .params(text, shared, at, commentId)
        .update();
    store.touch(c.id(), at);
    String sharing = shared == old.shared() ? "" : shared ? ", now shared" : ", no longer shared";
    audit.append(viewer.actor(), "case.comment.edit", c.id(), "comment " + commentId + sharing);
  }

  long insert(
      long caseId, Long memberId, Long grantId, String body, boolean shared, OffsetDateTime at) {
    return insert(caseId, memberId, grantId, body, shared, at, null);
  }

  private long insert(
      long caseId,
      Long memberId,
      Long grantId,
      String body,
      boolean shared,
      OffsetDateTime at,
      String mailFrom) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO case_comment (case_id, author_member_id, author_grant_id, body, shared,"
                + " created_at, received_by_mail_from) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(caseId, memberId, grantId, body, shared, at, mailFrom)
        .update(keys, "id");
    return CaseStore.generatedId(keys);
  }

  /** A file that came with a mail. */
  public record MailFile(String fileName, byte[] content) {}

  /**
   * A mail that came for a case: the sender's address, its text, its files, and what mail intake
   * noted about it (files it left out, conversions).
   */
  public record IncomingMail(String from, String text, List<MailFile> files, List<String> notes) {
    public IncomingMail {
      files = List.copyOf(files);
      notes = List.copyOf(notes);
    }
  }

  /**
   * What a mail on a case became: the case, the comment, the attachments made from its files, and
   * who it counts as (the audit actor: {@code member:<id>} or {@code grant:<id>}).
   */
  public record MailComment(
      long caseId, String reference, long commentId, List<Long> attachmentIds, String actor) {
    public MailComment {
      attachmentIds = List.copyOf(attachmentIds);
    }
  }

  /**
   * Adds a mail on the case with this reference as a comment, marked as received by mail from its
   * sender, and its files as the case's attachments — when the case exists and the sender's address
   * is a party's ({@link CaseAccess#mailSender}): a member who may see the case (a private comment,
   * by that member) or the holder of an unrevoked link to it (a comment by that party, seen by the
   * case's parties like their messages on the case page). Empty otherwise, without telling the two
   * apart, so that mail cannot be used to learn which cases exist. Audited as the sender. Text
   * beyond the comment limit is cut, files over the attachment limit (or empty) left out; the
   * comment says so.
   */
  @Transactional
  public Optional<MailComment> addFromMail(String reference, IncomingMail mail) {
    Optional<CaseRecord> found =
        reference == null ? Optional.empty() : store.byReference(reference);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CaseRecord c = found.get();
    Optional<Viewer> sender = access.mailSender(c, mail.from());
    if (sender.isEmpty()) {
      return Optional.empty();
    }
    Viewer who = sender.get();
    Long memberId = who instanceof Viewer.Staff s ? s.member().id() : null;
    Long grantId = who instanceof Viewer.External e ? e.grant().id() : null;
    String from = mail.from().strip();
    List<String> notes = new ArrayList<>(mail.notes());
    List<MailFile> kept = new ArrayList<>();
    for (MailFile f : mail.files()) {
      int size = f.content().length;
      if (size == 0) {
        notes.add("The attached file " + CaseAttachments.safeName(f.fileName()) + " is empty.");
      } else if (size > attachments.maxBytes()) {
        notes.add(
            "The attached file "
                + CaseAttachments.safeName(f.fileName())
                + " ("
                + CaseAttachments.sizeText(size)
                + ") was not kept: case files are at most "
                + CaseAttachments.sizeText(attachments.maxBytes())
                + ".");
      } else {
        kept.add(f);
      }
    }
    String text = mail.text().strip();
    StringBuilder tail = new StringBuilder();
    if (!kept.isEmpty()) {
      tail.append("\n\n[Attached: ")
          .append(
              String.join(
                  ", ", kept.stream().map(f -> CaseAttachments.safeName(f.fileName())).toList()))
          .append(" — see the case's files.]");
    }
    for (String n : notes) {
      tail.append("\n[").append(n).append(']');
    }
    int room = Math.max(1000, MAX_BODY - tail.length() - 100);
    if (text.length() > room) {
      text =
          text.substring(0, Math.max(0, room))
              + "\n[The mail was longer: cut at "
              + room
              + " characters; mail intake keeps the whole text.]";
    }
    String body = (text.isEmpty() ? "(no text)" : text) + tail;
    if (body.length() > MAX_BODY) {
      body = body.substring(0, MAX_BODY);
    }
    OffsetDateTime at = now();
    long id = insert(c.id(), memberId, grantId, body, grantId != null, at, from);
    List<Long> files = new ArrayList<>();
    for (MailFile f : kept) {
      CaseAttachments.Info info =
          attachments.storeFromMail(c.id(), f.fileName(), f.content(), memberId, from);
      files.add(info.id());
      audit.append(
          who.actor(),
          "case.attachment.mail",
          c.id(),
          "attachment "
              + info.id()
              + " with comment "
              + id
              + ", "
              + info.sizeBytes()
              + " bytes, sha256 "
              + info.sha256());
    }
    store.touch(c.id(), at);
    audit.append(
        who.actor(),
        "case.comment.mail",
        c.id(),
        "comment "
            + id
            + " received by mail"
            + (grantId != null ? ", shared with external parties" : "")
            + (files.isEmpty() ? "" : ", " + files.size() + " attachment(s)"));
    return Optional.of(new MailComment(c.id(), c.reference(), id, files, who.actor()));
  }

  private static final String SELECT =
      "SELECT k.id, k.author_member_id, m.display_name, k.author_grant_id, g.party, g.name,"
          + " k.body, k.shared, k.created_at, k.edited_at, k.received_by_mail_from"
          + " FROM case_comment k"
          + " LEFT JOIN member_account m ON m.id = k.author_member_id"
          + " LEFT JOIN case_grant g ON g.id = k.author_grant_id";

  private java.util.Optional<Comment> one(long caseId, long commentId) {
    return jdbc.sql(SELECT + " WHERE k.case_id = ? AND k.id = ?")
        .params(caseId, commentId)
        .query((rs, n) -> comment(rs, List.of()))
        .optional();
  }

  /** Every comment of the case with its history, oldest first (for members). */
  List<Comment> all(long caseId) {
    return list(caseId, false);
  }

  /** The comments external parties see: shared ones, and their own, oldest first. */
  List<Comment> shared(long caseId) {
    return list(caseId, true);
  }

  private List<Comment> list(long caseId, boolean sharedOnly) {
    Map<Long, List<Revision>> revisions = new LinkedHashMap<>();
    if (!sharedOnly) {
      jdbc.sql(
              "SELECT r.comment_id, r.body, r.shared, r.replaced_at, m.display_name"
                  + " FROM case_comment_revision r JOIN case_comment k ON k.id = r.comment_id"
                  + " LEFT JOIN member_account m ON m.id = r.replaced_by"
                  + " WHERE k.case_id = ? ORDER BY r.id")
          .param(caseId)
          .query(
              (RowCallbackHandler)
                  rs ->
                      revisions
                          .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                          .add(
                              new Revision(
                                  rs.getString(2),
                                  rs.getBoolean(3),
                                  rs.getObject(4, OffsetDateTime.class),
                                  rs.getString(5))));
    }
    return jdbc.sql(
            SELECT
                + " WHERE k.case_id = ?"
                + (sharedOnly ? " AND k.shared = TRUE" : "")
                + " ORDER BY k.id")
        .param(caseId)
        .query((rs, n) -> comment(rs, revisions.getOrDefault(rs.getLong(1), List.of())))
        .list();
  }

  private static Comment comment(ResultSet rs, List<Revision> revisions) throws SQLException {
    long member = rs.getLong(2);
    Long memberId = rs.wasNull() ? null : member;
    long grant = rs.getLong(4);
    Long grantId = rs.wasNull() ? null : grant;
    String party = rs.getString(5);
    return new Comment(
        rs.getLong(1),
        memberId,
        rs.getString(3),
        grantId,
        party == null ? null : Party.valueOf(party),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, OffsetDateTime.class),
        List.copyOf(revisions),
        rs.getString(11));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
