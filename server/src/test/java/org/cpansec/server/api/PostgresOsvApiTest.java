package org.cpansec.server.api;

import org.cpansec.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API on a fresh PostgreSQL database. */
class PostgresOsvApiTest extends OsvApiContractTest {
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
