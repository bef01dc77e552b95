/**
 * SBOMs of Perl projects: the format-neutral {@link org.cpansec.sbom.SbomDocument} built from
 * manifests ({@link org.cpansec.sbom.SbomBuilder}), CPAN::Meta licence names as SPDX expressions,
 * and one sub-package per output format behind {@link org.cpansec.sbom.SbomWriter}. May depend on
 * {@code org.cpansec.manifest}, {@code org.cpansec.cpan}, {@code org.cpansec.audit} and
 * packageurl-java; the writers' libraries (cyclonedx-core-java, Jackson) stay in the sub-packages.
 */
package org.cpansec.sbom;
