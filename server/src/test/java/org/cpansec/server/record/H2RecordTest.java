package org.cpansec.server.record;

import org.cpansec.server.H2Server;
import org.springframework.context.annotation.Import;

/** The record editor on an H2 file database. */
@H2Server
@Import(RecordTestMember.class)
class H2RecordTest extends RecordContractTest {}
