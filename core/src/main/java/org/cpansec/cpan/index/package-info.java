/**
 * A CPAN index with dependency data, and the reverse dependencies it answers ("blast radius": which
 * distributions depend on a vulnerable one).
 *
 * <p>Input: {@code 02packages.details.txt} (module to distribution, read by {@link
 * org.cpansec.audit.PackagesIndex}) and a {@link org.cpansec.cpan.index.DependencyDump} (each
 * release's prerequisites: JSON Lines, or a directory of {@code META.json}/{@code META.yml} read by
 * {@link org.cpansec.manifest.meta.MetaExtractor}). {@link org.cpansec.cpan.index.CpanIndex} joins
 * them; {@link org.cpansec.cpan.index.DependencyGraph} answers {@link
 * org.cpansec.cpan.index.DependencyGraph#downstreamOf(String)}.
 *
 * <p>Nothing is silently dropped: every entry that cannot be read is an {@link
 * org.cpansec.cpan.index.IndexProblem} with its file and line, counted exactly. No framework: JDK,
 * Jackson (through the META reader) and the rest of core.
 */
package org.cpansec.cpan.index;
