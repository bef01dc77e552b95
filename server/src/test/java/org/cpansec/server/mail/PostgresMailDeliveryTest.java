package org.cpansec.server.mail;

import org.cpansec.server.PostgresAvailable;
import org.cpansec.server.TestDatabases;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Outgoing mail on this JVM's PostgreSQL database, including two senders racing on it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabases.Postgres.class)
@ExtendWith(PostgresAvailable.class)
class PostgresMailDeliveryTest extends MailDeliveryContractTest {}
