package org.cpansec.server.api;

import java.util.List;

/** The body of {@code POST /v1/querybatch}: OSV's {@code queries} list. */
public record BatchRequest(List<QueryRequest> queries) {}
