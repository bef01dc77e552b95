/**
 * CycloneDX 1.6 output (JSON and XML) through the CycloneDX project's own model and generators
 * (cyclonedx-core-java). Depends on {@code org.cpansec.sbom} and that library only.
 */
package org.cpansec.sbom.cyclonedx;
