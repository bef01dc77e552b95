package org.cpansec.server.comms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * This package's SQL: its own tables ({@code maintainer_contact}, {@code extension_request}, V17),
 * reads of the shared case tables (V6) and of the mail intake's {@code case_inbound_mail} (V11),
 * and the assignees of a case ({@code case_assignee}, V6). No access rule here: the services apply
 * {@link CaseAccess} before calling.
 */
@Repository
class CommsStore {
  private static final String CASE_COLUMNS =
      "SELECT c.id, c.reference, c.report_id, c.state, c.title, c.distribution,"
          + " c.affected_versions, c.sensitive, c.reported_at, c.earliest_public_report,"
          + " c.maintainer_contacted_at, c.planned_disclosure, c.published_at, c.created_at,"
          + " c.updated_at FROM cna_case c";

  /** The author line of a CVE record in the CNA YAML: {@code author: PAUSEID}. */
  private static final Pattern AUTHOR =
      Pattern.compile("(?m)^\\s+author:\\s*[\"']?([A-Z0-9]+)[\"']?\\s*(?:#.*)?$");

  private final JdbcClient jdbc;

  CommsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- cases ----

  Optional<CaseRecord> caseByReference(String reference) {
    return jdbc.sql(CASE_COLUMNS + " WHERE c.reference = ?")
        .param(reference)
        .query(CommsStore::caseRow)
        .optional();
  }

  Optional<CaseRecord> caseById(long id) {
    return jdbc.sql(CASE_COLUMNS + " WHERE c.id = ?")
        .param(id)
        .query(CommsStore::caseRow)
        .optional();
  }

  /** Locks the case's row until the transaction ends: changes of one case are serialised. */
  void lock(long caseId) {
    jdbc.sql("SELECT id FROM cna_case WHERE id = ? FOR UPDATE")
        .param(caseId)
        .query(Long.class)
        .list();
  }

  /** Every case the clause admits (the viewer's visible cases), by reference. */
  List<CaseRecord> cases(CaseAccess.Clause visible) {
    return jdbc.sql(CASE_COLUMNS + " WHERE " + visible.sql() + " ORDER BY c.reference")
        .params(visible.params())
        .query(CommsStore::caseRow)
        .list();
  }

  /** The cases the clause admits that are assigned to this member. */
  List<CaseRecord> assignedTo(long memberId, CaseAccess.Clause visible) {
    List<Object> params = new ArrayList<>();
    params.add(memberId);
    params.addAll(visible.params());
    return jdbc.sql(
            CASE_COLUMNS
                + " WHERE c.id IN (SELECT a.case_id FROM case_assignee a WHERE a.member_id = ?)"
                + " AND "
                + visible.sql()
                + " ORDER BY c.reference")
        .params(params)
        .query(CommsStore::caseRow)
        .list();
  }

  private static CaseRecord caseRow(ResultSet rs, int n) throws SQLException {
    long report = rs.getLong(3);
    Long reportId = rs.wasNull() ? null : report;
    return new CaseRecord(
        rs.getLong(1),
        rs.getString(2),
        reportId,
        CaseState.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, LocalDate.class),
        rs.getObject(11, OffsetDateTime.class),
        rs.getObject(12, LocalDate.class),
        rs.getObject(13, OffsetDateTime.class),
        rs.getObject(14, OffsetDateTime.class),
        rs.getObject(15, OffsetDateTime.class));
  }

  boolean hasLabel(long caseId, String label) {
    return jdbc.sql("SELECT COUNT(*) FROM case_label WHERE case_id = ? AND label = ?")
            .params(caseId, label)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * The PAUSE id named as {@code author} in the case's CVE records (current versions, the first
   * record that names one), if any.
   */
  Optional<String> recordAuthor(long caseId) {
    List<String> yamls =
        jdbc.sql(
                "SELECT v.yaml FROM case_record r JOIN case_record_version v"
                    + " ON v.record_id = r.id AND v.version = r.current_version"
                    + " WHERE r.case_id = ? ORDER BY r.cve_id")
            .param(caseId)
            .query(String.class)
            .list();
    for (String yaml : yamls) {
      Matcher m = AUTHOR.matcher(yaml == null ? "" : yaml);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  // ---- maintainer contacts ----

  /** A maintainer written to about a case. */
  record Contact(
      long id,
      long caseId,
      long grantId,
      Long outboxId,
      String maintainerName,
      String email,
      String cveIds,
      LocalDate plannedDate,
      boolean initial,
      String sentBy,
      OffsetDateTime sentAt,
      boolean grantRevoked) {}

  private static final String CONTACT_COLUMNS =
      "SELECT k.id, k.case_id, k.grant_id, k.outbox_id, k.maintainer_name, k.email, k.cve_ids,"
          + " k.planned_date, k.initial_contact, m.display_name, k.sent_at,"
          + " CASE WHEN g.revoked_at IS NULL THEN FALSE ELSE TRUE END"
          + " FROM maintainer_contact k JOIN member_account m ON m.id = k.sent_by"
          + " JOIN case_grant g ON g.id = k.grant_id";

  Optional<Contact> contact(long caseId, String addressKey) {
    return jdbc.sql(CONTACT_COLUMNS + " WHERE k.case_id = ? AND k.address_key = ?")
        .params(caseId, addressKey)
        .query(CommsStore::contactRow)
        .optional();
  }

  List<Contact> contacts(long caseId) {
    return jdbc.sql(CONTACT_COLUMNS + " WHERE k.case_id = ? ORDER BY k.id")
        .param(caseId)
        .query(CommsStore::contactRow)
        .list();
  }

  long insertContact(
      long caseId,
      long grantId,
      long outboxId,
      String name,
      String email,
      String addressKey,
      String cveIds,
      LocalDate planned,
      boolean initial,
      long sentBy,
      Instant at) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO maintainer_contact (case_id, grant_id, outbox_id, maintainer_name, email,"
                + " address_key, cve_ids, planned_date, initial_contact, sent_by, sent_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            caseId,
            grantId,
            outboxId,
            name,
            email,
            addressKey,
            cveIds,
            planned,
            initial,
            sentBy,
            utc(at))
        .update(keys, "id");
    return id(keys);
  }

  private static Contact contactRow(ResultSet rs, int n) throws SQLException {
    long outbox = rs.getLong(4);
    Long outboxId = rs.wasNull() ? null : outbox;
    return new Contact(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        outboxId,
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getObject(8, LocalDate.class),
        rs.getBoolean(9),
        rs.getString(10),
        rs.getObject(11, OffsetDateTime.class),
        rs.getBoolean(12));
  }

  // ---- extension requests ----

  /** A maintainer's request for a later date, and its decision. */
  record Request(
      long id,
      long caseId,
      long grantId,
      String grantName,
      String grantEmail,
      LocalDate requestedDate,
      String reason,
      OffsetDateTime requestedAt,
      String status,
      String decidedBy,
      OffsetDateTime decidedAt,
      String decisionReason,
      LocalDate grantedDate,
      Long outboxId) {
    boolean pending() {
      return PENDING.equals(status);
    }

    /** Who asked, as the case page names them. */
    String requester() {
      if (grantName != null && grantEmail != null) {
        return grantName + " <" + grantEmail + ">";
      }
      return grantName != null ? grantName : grantEmail != null ? grantEmail : "the maintainer";
    }
  }

  static final String PENDING = "PENDING";
  static final String GRANTED = "GRANTED";
  static final String REFUSED = "REFUSED";

  private static final String REQUEST_COLUMNS =
      "SELECT x.id, x.case_id, x.grant_id, g.name, g.email, x.requested_date, x.reason,"
          + " x.requested_at, x.status, m.display_name, x.decided_at, x.decision_reason,"
          + " x.granted_date, x.outbox_id FROM extension_request x"
          + " JOIN case_grant g ON g.id = x.grant_id"
          + " LEFT JOIN member_account m ON m.id = x.decided_by";

  long insertRequest(long caseId, long grantId, LocalDate date, String reason, Instant at) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO extension_request (case_id, grant_id, requested_date, reason,"
                + " requested_at, status) VALUES (?, ?, ?, ?, ?, ?)")
        .params(caseId, grantId, date, reason, utc(at), PENDING)
        .update(keys, "id");
    return id(keys);
  }

  Optional<Request> request(long caseId, long id) {
    return jdbc.sql(REQUEST_COLUMNS + " WHERE x.case_id = ? AND x.id = ?")
        .params(caseId, id)
        .query(CommsStore::requestRow)
        .optional();
  }

  List<Request> requests(long caseId) {
    return jdbc.sql(REQUEST_COLUMNS + " WHERE x.case_id = ? ORDER BY x.id")
        .param(caseId)
        .query(CommsStore::requestRow)
        .list();
  }

  List<Request> requestsOfGrant(long grantId) {
    return jdbc.sql(REQUEST_COLUMNS + " WHERE x.grant_id = ? ORDER BY x.id")
        .param(grantId)
        .query(CommsStore::requestRow)
        .list();
  }

  /** Records the decision of a pending request; false when it was no longer pending. */
  boolean decide(
      long id,
      String status,
      long memberId,
      Instant at,
      String reason,
      LocalDate grantedDate,
      Long clockExtensionId) {
    return jdbc.sql(
                "UPDATE extension_request SET status = ?, decided_by = ?, decided_at = ?,"
                    + " decision_reason = ?, granted_date = ?, clock_extension_id = ?"
                    + " WHERE id = ? AND status = ?")
            .params(status, memberId, utc(at), reason, grantedDate, clockExtensionId, id, PENDING)
            .update()
        == 1;
  }

  void setRequestMail(long id, long outboxId) {
    jdbc.sql("UPDATE extension_request SET outbox_id = ? WHERE id = ?")
        .params(outboxId, id)
        .update();
  }

  private static Request requestRow(ResultSet rs, int n) throws SQLException {
    long outbox = rs.getLong(14);
    Long outboxId = rs.wasNull() ? null : outbox;
    return new Request(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getObject(6, LocalDate.class),
        rs.getString(7),
        rs.getObject(8, OffsetDateTime.class),
        rs.getString(9),
        rs.getString(10),
        rs.getObject(11, OffsetDateTime.class),
        rs.getString(12),
        rs.getObject(13, LocalDate.class),
        outboxId);
  }

  /** The addresses of the case's unrevoked maintainer links, oldest link first. */
  List<String> maintainerAddresses(long caseId) {
    return jdbc.sql(
            "SELECT email FROM case_grant WHERE case_id = ? AND party = 'MAINTAINER'"
                + " AND revoked_at IS NULL AND email IS NOT NULL ORDER BY id")
        .param(caseId)
        .query(String.class)
        .list();
  }

  // ---- inbound mail ----

  /** A mail the mail intake kept for a case ({@code case_inbound_mail}). */
  record InboundMail(
      long id,
      String sender,
      String senderName,
      String subject,
      String body,
      String notes,
      OffsetDateTime receivedAt,
      int attachments) {}

  List<InboundMail> inboundMails(long caseId) {
    return jdbc.sql(
            "SELECT i.id, i.sender, i.sender_name, i.subject, i.body, i.notes, i.received_at,"
                + " (SELECT COUNT(*) FROM case_inbound_attachment a WHERE a.mail_id = i.id)"
                + " FROM case_inbound_mail i WHERE i.case_id = ? ORDER BY i.received_at, i.id")
        .param(caseId)
        .query(
            (rs, n) ->
                new InboundMail(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getObject(7, OffsetDateTime.class),
                    rs.getInt(8)))
        .list();
  }

  // ---- assignees ----

  /** A member a case is assigned to. */
  record Assignee(long id, String username, String displayName) {}

  List<Assignee> assignees(long caseId) {
    return jdbc.sql(
            "SELECT m.id, m.username, m.display_name FROM case_assignee a"
                + " JOIN member_account m ON m.id = a.member_id WHERE a.case_id = ?"
                + " ORDER BY m.username")
        .param(caseId)
        .query((rs, n) -> new Assignee(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  boolean assign(long caseId, long memberId) {
    if (jdbc.sql("SELECT COUNT(*) FROM case_assignee WHERE case_id = ? AND member_id = ?")
            .params(caseId, memberId)
            .query(Integer.class)
            .single()
        > 0) {
      return false;
    }
    jdbc.sql("INSERT INTO case_assignee (case_id, member_id) VALUES (?, ?)")
        .params(caseId, memberId)
        .update();
    return true;
  }

  boolean unassign(long caseId, long memberId) {
    return jdbc.sql("DELETE FROM case_assignee WHERE case_id = ? AND member_id = ?")
            .params(caseId, memberId)
            .update()
        == 1;
  }

  // ---- helpers ----

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static long id(GeneratedKeyHolder keys) {
    for (var row : keys.getKeyList()) {
      for (var e : row.entrySet()) {
        if (e.getKey().equalsIgnoreCase("id")) {
          return ((Number) e.getValue()).longValue();
        }
      }
    }
    throw new IllegalStateException("the database returned no generated id");
  }
}
