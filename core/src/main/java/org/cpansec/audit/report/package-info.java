/**
 * Writers of an {@link org.cpansec.audit.AuditReport}: JSON (a documented, stable contract), text
 * for people and SARIF 2.1.0 for code-scanning. File paths are written relative to a base directory
 * the caller chooses, so the same project gives the same output wherever it lies.
 */
package org.cpansec.audit.report;
