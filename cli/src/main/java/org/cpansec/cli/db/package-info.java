/**
 * {@code cpansec db}: the advisory database on the command line (info, show, search, lint, export,
 * update), its local cache and the refresh of that cache.
 *
 * <p>Depends on {@code org.cpansec.advisory} (core), the CLI's shared pieces in {@code
 * org.cpansec.cli}, picocli, Jackson and the JDK's HTTP client. Knows no advisory format: reading
 * and writing formats is core's job.
 */
package org.cpansec.cli.db;
