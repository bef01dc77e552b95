package org.cpansec.server.publication;

import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.TestDatabases;
import org.cpansec.server.cveid.StandInInitializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Publication on PostgreSQL, with the CVE Services stand-in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestDatabases.Postgres.class, StandInInitializer.class})
@ExtendWith(PostgresAvailable.class)
class PostgresPublicationTest extends PublicationContractTest {}
