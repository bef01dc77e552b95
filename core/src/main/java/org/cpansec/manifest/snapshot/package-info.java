/**
 * Carton's {@code cpanfile.snapshot} (format version 1.0): the locked distributions with exact
 * versions and PAUSE authors from each {@code pathname}, the modules they {@code provide}, and
 * their {@code requirements} (the dependency graph, as {@link
 * org.cpansec.manifest.Dependency#requiredBy()} edges).
 *
 * <p>Depends on {@code org.cpansec.manifest}, {@code org.cpansec.cpan}, {@code
 * org.cpansec.version}.
 */
package org.cpansec.manifest.snapshot;
