/**
 * {@code cpansec sbom}: the picocli command and the small bridge ({@link
 * org.cpansec.cli.sbom.SbomOutput}) that the audit's CycloneDX output shares. Depends on {@code
 * org.cpansec.sbom}, {@code org.cpansec.cli} and picocli; all SBOM logic stays in core.
 */
package org.cpansec.cli.sbom;
