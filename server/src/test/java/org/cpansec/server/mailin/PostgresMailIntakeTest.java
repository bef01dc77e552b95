package org.cpansec.server.mailin;

import org.cpansec.server.PostgresServer;

/** Mail intake on this JVM's PostgreSQL database. */
@PostgresServer
class PostgresMailIntakeTest extends MailIntakeContractTest {}
