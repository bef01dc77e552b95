/**
 * Feeds for other tools: Atom, the CPANSA JSON database (also what CPAN::Audit reads), the
 * cpansa-feed, and every advisory as OSV JSON in a zip. Formats come from core's writers.
 *
 * <p>Depends on core, {@code server.store} and {@code server.api} (for the OSV records).
 */
package org.cpansec.server.feeds;
