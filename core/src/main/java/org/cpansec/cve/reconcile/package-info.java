/**
 * Comparing local CNA records with the published ones: a {@link
 * org.cpansec.cve.reconcile.RecordSource} answers {@code GET {base}/{CVE}} (CVE Services, or a
 * {@code file://} directory of CVE JSON files), and {@link org.cpansec.cve.reconcile.Reconciler}
 * compares through the same projection as the import round-trip guard.
 *
 * <p>Depends on {@code org.cpansec.cve.record}, {@code org.cpansec.cve.json}, Jackson and the JDK
 * HTTP client; it opens a connection only to the base it is given.
 */
package org.cpansec.cve.reconcile;
