/**
 * Software bills of materials as input: CycloneDX JSON and XML, SPDX 2.x JSON. Components are
 * identified by their {@code pkg:cpan} purl ({@link org.cpansec.cpan.CpanPurl}); a component
 * without one is reported as a problem (not a CPAN package, not audited), never dropped in silence.
 *
 * <p>Depends on {@code org.cpansec.manifest}, {@code org.cpansec.cpan}, {@code
 * org.cpansec.version}, jackson-core and the JDK's StAX parser.
 */
package org.cpansec.manifest.sbom;
