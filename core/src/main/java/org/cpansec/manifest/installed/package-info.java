/**
 * Installed perl library trees ({@code @INC} directories): every {@code .pm} file found, its module
 * name from its path, and its {@code $VERSION} read statically the way Module::Metadata finds it
 * ({@link org.cpansec.manifest.installed.PmScanner}) but without running any of the file: a version
 * line cpansec cannot evaluate statically is reported as unknown, with the reason. cpanm's {@code
 * install.json} records, when present, tell which distribution a module came from.
 *
 * <p>Depends on {@code org.cpansec.manifest}, {@code org.cpansec.cpan}, {@code
 * org.cpansec.version}, jackson-core and the JDK. Running {@code perl -e 'print join "\n", @INC'}
 * to learn the default directories is the only process it starts.
 */
package org.cpansec.manifest.installed;
