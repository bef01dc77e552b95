package org.cpansec.server.cases;

import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.TestDatabases;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Issue 8 end to end in headless Chromium, on PostgreSQL. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "cpansec.advisories.import-bundled=false")
@ContextConfiguration(initializers = {TestDatabases.Postgres.class, AttachmentDir.class})
@ExtendWith(PostgresAvailable.class)
class PostgresIssue8BrowserTest extends Issue8BrowserContract {
  @Override
  String shotPrefix() {
    return "issue8-pg-";
  }
}
