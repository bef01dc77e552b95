package org.cpansec.server.account;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * A member's sessions, wherever they were opened: sessions live in the database (Spring Session
 * JDBC), indexed by principal name (the username), so ending them here ends them on every replica.
 */
@Component
public class MemberSessions {
  private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository;
  private final JdbcClient jdbc;

  public MemberSessions(
      ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository,
      JdbcClient jdbc) {
    this.repository = repository;
    this.jdbc = jdbc;
  }

  /** Ends every session of the member; how many there were. */
  public int endAll(String username) {
    FindByIndexNameSessionRepository<? extends Session> sessions = repository.getIfAvailable();
    if (sessions == null) {
      // Outside the web server (the admin command): no session repository, the same table.
      return jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?")
          .param(username)
          .update();
    }
    Map<String, ? extends Session> found = sessions.findByPrincipalName(username);
    found.keySet().forEach(sessions::deleteById);
    return found.size();
  }

  /** How many sessions the member has open now. */
  public int count(String username) {
    FindByIndexNameSessionRepository<? extends Session> sessions = repository.getIfAvailable();
    if (sessions == null) {
      return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?")
          .param(username)
          .query(Integer.class)
          .single();
    }
    return sessions.findByPrincipalName(username).size();
  }
}
