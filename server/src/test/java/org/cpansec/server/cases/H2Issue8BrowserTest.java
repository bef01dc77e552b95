package org.cpansec.server.cases;

import org.cpansec.server.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Issue 8 end to end in headless Chromium, on H2. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "cpansec.advisories.import-bundled=false")
@ContextConfiguration(initializers = {TestDatabases.H2.class, AttachmentDir.class})
class H2Issue8BrowserTest extends Issue8BrowserContract {
  @Override
  String shotPrefix() {
    return "issue8-";
  }
}
