package org.cpansec.server.api;

import org.cpansec.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API on an H2 file database. */
class H2OsvApiTest extends OsvApiContractTest {
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}
