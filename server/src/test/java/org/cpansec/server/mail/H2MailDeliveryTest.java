package org.cpansec.server.mail;

import org.cpansec.server.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Outgoing mail on an H2 file database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabases.H2.class)
class H2MailDeliveryTest extends MailDeliveryContractTest {}
