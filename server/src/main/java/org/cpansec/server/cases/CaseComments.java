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
  private final AuditLog audit;
  private final Clock clock;

  CaseComments(JdbcClient jdbc, CaseAccess access, CaseStore store, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** What a comment said before an edit. */
  public record Revision(
      String body, boolean shared, OffsetDateTime replacedAt, String replacedBy) {}

  /**
   * A comment with its author: a member ({@code memberId}, {@code memberName}) or an external party
   * ({@code grantId}, {@code party}, {@code grantName}); revisions oldest first.
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
      List<Revision> revisions) {

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
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO case_comment (case_id, author_member_id, author_grant_id, body, shared,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(caseId, memberId, grantId, body, shared, at)
        .update(keys, "id");
    return CaseStore.generatedId(keys);
  }

  private static final String SELECT =
      "SELECT k.id, k.author_member_id, m.display_name, k.author_grant_id, g.party, g.name,"
          + " k.body, k.shared, k.created_at, k.edited_at FROM case_comment k"
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
        List.copyOf(revisions));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
