/**
 * Cases of the CNA workspace (ADR 0008, CPANSEC-PROCESS.md §2–§6): the state machine, labels,
 * comments with history, triage and votes, external parties' links, sensitive cases, attachments on
 * disk. Every service method takes the {@link org.cpansec.server.cases.Viewer} and applies {@link
 * org.cpansec.server.cases.CaseAccess} itself, whatever the URL security in front of it; every read
 * and change is written to the audit log.
 */
package org.cpansec.server.cases;
