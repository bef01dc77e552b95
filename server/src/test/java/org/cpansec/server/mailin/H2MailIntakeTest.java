package org.cpansec.server.mailin;

import org.cpansec.server.H2Server;
import org.springframework.context.annotation.Import;

/** Mail intake on an H2 file database. */
@H2Server
@Import(SignedInAs.class)
class H2MailIntakeTest extends MailIntakeContractTest {}
