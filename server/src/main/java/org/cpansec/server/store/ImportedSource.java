package org.cpansec.server.store;

import java.time.OffsetDateTime;

/** One import of advisory data into the store: what was read, and when. */
public record ImportedSource(
    String kind,
    String file,
    String upstreamCommit,
    String upstreamDate,
    int advisoryCount,
    OffsetDateTime importedAt) {}
