package org.cpansec.server.intake;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code report_attachment} table. Content is written, never read back for the public side. */
@Repository
public class AttachmentStore {
  private final JdbcClient jdbc;

  public AttachmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What the tracking page may show of an attachment: no content. */
  public record Listed(String fileName, String contentType, long sizeBytes) {
    public String size() {
      return Uploads.size(sizeBytes);
    }
  }

  /** Runs in the caller's transaction, with the report. */
  public void save(long reportId, List<Attachment> files, OffsetDateTime at) {
    for (Attachment a : files) {
      jdbc.sql(
              "INSERT INTO report_attachment (report_id, file_name, content_type, size_bytes,"
                  + " content, created_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(reportId, a.fileName(), a.contentType(), a.size(), a.content(), at)
          .update();
    }
  }

  public List<Listed> list(long reportId) {
    return jdbc.sql(
            "SELECT file_name, content_type, size_bytes FROM report_attachment"
                + " WHERE report_id = ? ORDER BY id")
        .param(reportId)
        .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2), rs.getLong(3)))
        .list();
  }
}
