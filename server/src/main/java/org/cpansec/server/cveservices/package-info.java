/**
 * A client for MITRE's CVE Services API (reserve CVE IDs, read and list them, publish, update and
 * reject CVE records), configured under {@code cpansec.cve-services}; off until configured.
 */
package org.cpansec.server.cveservices;
