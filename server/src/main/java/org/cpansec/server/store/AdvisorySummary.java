package org.cpansec.server.store;

/**
 * One row of an advisory list: enough to show and link it; {@code disclosed} is the published date,
 * else the reported one.
 */
public record AdvisorySummary(
    String id, String distribution, String severity, String title, String disclosed) {}
