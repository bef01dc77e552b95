/**
 * The audit: intersects a project's dependencies ({@code org.cpansec.manifest}) with the advisory
 * database ({@code org.cpansec.advisory}) using Perl version semantics, and says what to upgrade
 * to. Pinned versions match exactly; declared requirements match when a known release inside them
 * is affected; what cannot be decided is reported as unknown, never as safe.
 *
 * <p>Depends on {@code org.cpansec.version}, {@code org.cpansec.cpan}, {@code org.cpansec.manifest}
 * and {@code org.cpansec.advisory}; knows nothing of the CLI or output formats (those are in {@code
 * org.cpansec.audit.report}).
 */
package org.cpansec.audit;
