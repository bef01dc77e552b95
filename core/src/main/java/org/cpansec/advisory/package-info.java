/**
 * The one advisory model ({@link org.cpansec.advisory.Advisory}, {@link
 * org.cpansec.advisory.Release}) and the immutable {@link org.cpansec.advisory.AdvisoryDatabase}
 * built from any mix of sources, with merging and lint ({@link org.cpansec.advisory.LintFinding}).
 *
 * <p>Depends on {@code org.cpansec.version} and Jackson (for the bundled snapshot only). Each
 * source format lives in its own sub-package ({@code cpansa}, {@code cna}, {@code osv}) and hands
 * this package an {@link org.cpansec.advisory.AdvisoryBatch}; nothing here knows a file format.
 */
package org.cpansec.advisory;
