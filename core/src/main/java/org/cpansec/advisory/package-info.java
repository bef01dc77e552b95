/**
 * The one advisory model ({@link org.cpansec.advisory.Advisory}, {@link
 * org.cpansec.advisory.Release}) and the immutable {@link org.cpansec.advisory.AdvisoryDatabase}
 * built from any mix of sources, with merging and lint ({@link org.cpansec.advisory.LintFinding}).
 *
 * <p>Depends on {@code org.cpansec.version}. Each source format lives in its own sub-package
 * ({@code cpansa}, {@code cna}, {@code osv}) behind {@link org.cpansec.advisory.AdvisoryReader} and
 * hands this package an {@link org.cpansec.advisory.AdvisoryBatch}. The one deliberate exception:
 * {@code AdvisoryDatabase.bundled()} and {@code load(Path)} read the database's own formats, the
 * compact snapshot ({@code compact}) and the CPANSA JSON ({@code cpansa}).
 */
package org.cpansec.advisory;
