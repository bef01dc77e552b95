package org.cpansec.server.store;

import java.time.OffsetDateTime;

/**
 * One import of advisory data into the store: what was read, when upstream generated it (null when
 * the source does not say), and when it was imported.
 */
public record ImportedSource(
    String kind,
    String file,
    String upstreamCommit,
    String upstreamDate,
    int advisoryCount,
    OffsetDateTime importedAt,
    OffsetDateTime upstreamGenerated) {}
