/**
 * {@code cpansec audit} and {@code cpansec deps}: read a project's manifests, audit them with
 * {@link org.cpansec.audit.Auditor} and print the report. Loading of the advisory database is
 * shared with {@code cpansec db} ({@link org.cpansec.cli.db.DbOptions}).
 */
package org.cpansec.cli.audit;
