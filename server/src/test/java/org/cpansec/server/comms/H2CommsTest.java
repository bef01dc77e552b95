package org.cpansec.server.comms;

import org.cpansec.server.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** Maintainer contact, extensions and the dashboard on an H2 file database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabases.H2.class)
@Import(CommsTestConfig.class)
class H2CommsTest extends CommsContractTest {}
