package org.cpansec.server.mailin;

import org.cpansec.server.PostgresServer;
import org.springframework.context.annotation.Import;

/** Mail intake on this JVM's PostgreSQL database. */
@PostgresServer
@Import(SignedInAs.class)
class PostgresMailIntakeTest extends MailIntakeContractTest {}
