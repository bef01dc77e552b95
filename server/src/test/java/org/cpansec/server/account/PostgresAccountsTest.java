package org.cpansec.server.account;

import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.TestDatabases;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Accounts and sign-in on this JVM's PostgreSQL database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabases.Postgres.class)
@ExtendWith(PostgresAvailable.class)
class PostgresAccountsTest extends AccountsContractTest {}
