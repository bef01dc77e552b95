package org.cpansec.server.record;

/**
 * What the editor needs of a case ({@code cna_case}): its identity, title, and what a new record is
 * prefilled with.
 */
public record CaseRow(
    long id,
    String reference,
    String state,
    String title,
    String distribution,
    String affectedVersions,
    boolean sensitive) {}
