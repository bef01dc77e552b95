package org.cpansec.server.record;

import org.cpansec.server.H2Server;

/** The record editor on an H2 file database. */
@H2Server
class H2RecordTest extends RecordContractTest {}
