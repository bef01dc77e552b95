/**
 * The CPAN index with dependency data and the blast radius of a case (docs/server.md, "CPAN index
 * and blast radius"): {@link org.cpansec.server.cpanindex.CpanIndexImporter} reads {@code
 * 02packages.details.txt} and a META dump with core's {@link org.cpansec.cpan.index.CpanIndex} and
 * replaces the stored index atomically ({@link org.cpansec.server.cpanindex.CpanIndexStore},
 * migration V13); {@link org.cpansec.server.cpanindex.BlastRadius} answers which distributions
 * depend on one; {@code /admin/cpan-index} (admins only) uploads and shows the index.
 */
package org.cpansec.server.cpanindex;
