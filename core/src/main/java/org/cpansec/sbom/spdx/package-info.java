/**
 * SPDX 2.3 JSON output, written with Jackson (no small official SPDX 2.3 writer fits; see ADR
 * 0007). Depends on {@code org.cpansec.sbom} and Jackson only.
 */
package org.cpansec.sbom.spdx;
