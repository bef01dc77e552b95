/**
 * The shared contract of every dependency-manifest reader: {@link org.cpansec.manifest.Extractor}
 * (a cheap {@code accepts(Path)} filter, then {@code extract} with a size cap), and its result
 * {@link org.cpansec.manifest.Manifest}: {@link org.cpansec.manifest.Dependency dependencies} and
 * {@link org.cpansec.manifest.Problem problems}, each located at file, line and column.
 *
 * <p>One sub-package per input format implements the contract ({@code snapshot}, {@code cpanfile},
 * {@code meta}, {@code installed}, {@code sbom}); {@code detect} holds the registry and the
 * directory detector. This package depends on {@code org.cpansec.version}, {@code
 * org.cpansec.cpan}, jackson-core (streaming parser, for {@link org.cpansec.manifest.LocatedNode})
 * and the JDK only, never on its sub-packages.
 */
package org.cpansec.manifest;
