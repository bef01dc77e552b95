/**
 * Small typed values of the CPAN world that the manifest readers, the SBOM writers and the auditor
 * share: {@link org.cpansec.cpan.PauseId}, {@link org.cpansec.cpan.DistName}, {@link
 * org.cpansec.cpan.ModuleName}, release {@link org.cpansec.cpan.CpanPathname}s and the core-module
 * list of each perl release ({@link org.cpansec.cpan.CoreModules}).
 *
 * <p>Depends on {@code org.cpansec.version} and the JDK only. Every value validates in its factory
 * and throws {@link java.lang.IllegalArgumentException} naming the broken rule.
 */
package org.cpansec.cpan;
