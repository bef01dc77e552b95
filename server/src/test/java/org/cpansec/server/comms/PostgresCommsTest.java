package org.cpansec.server.comms;

import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.TestDatabases;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** Maintainer contact, extensions and the dashboard on a fresh PostgreSQL database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabases.Postgres.class)
@ExtendWith(PostgresAvailable.class)
@Import(CommsTestConfig.class)
class PostgresCommsTest extends CommsContractTest {}
