package org.cpansec.server.mail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether a case is marked sensitive ({@code cna_case.sensitive}, V6): its mail is only ever sent
 * encrypted. Read at queueing and again at sending, so a case marked sensitive meanwhile is obeyed.
 */
@Repository
public class SensitiveCases {
  private final JdbcClient jdbc;

  public SensitiveCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True when the case exists and is marked sensitive. */
  public boolean isSensitive(long caseId) {
    return jdbc.sql("SELECT sensitive FROM cna_case WHERE id = ?")
        .param(caseId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /** True when the case exists. */
  public boolean exists(long caseId) {
    return jdbc.sql("SELECT COUNT(*) FROM cna_case WHERE id = ?")
            .param(caseId)
            .query(Integer.class)
            .single()
        > 0;
  }
}
