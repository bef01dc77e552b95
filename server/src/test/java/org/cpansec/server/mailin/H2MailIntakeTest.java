package org.cpansec.server.mailin;

import org.cpansec.server.H2Server;

/** Mail intake on an H2 file database. */
@H2Server
class H2MailIntakeTest extends MailIntakeContractTest {}
