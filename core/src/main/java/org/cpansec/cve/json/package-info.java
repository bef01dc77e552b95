/**
 * CVE JSON 5: the builder (CNA record → CVE JSON {@code dataVersion} 5.1, validated against the
 * official 5.1.1 schema before anyone may write it), the canonical writer, the projection of the
 * fields the CNA tool controls, and the importer (CVE JSON → CNA YAML, guarded by a round trip).
 *
 * <p>Depends on Jackson, {@code org.cpansec.cve.record}, {@code org.cpansec.cve.schema} and {@code
 * org.cpansec.cve.text}.
 */
package org.cpansec.cve.json;
