package org.cpansec.server.api;

import org.cpansec.server.H2Server;

/** The API on an H2 file database. */
@H2Server
class H2OsvApiTest extends OsvApiContractTest {}
