/**
 * CNA records read as advisories: published CVE JSON 5 records whose {@code affected} entries name
 * {@code collectionURL https://cpan.org/modules} (packageName = distribution), and the CPANSec CNA
 * YAML authoring format (read only; the full authoring model is {@code org.cpansec.cve}). CNA
 * sources are authoritative for ranges when merged.
 *
 * <p>Depends on {@code org.cpansec.advisory}, {@code org.cpansec.version} and Jackson.
 */
package org.cpansec.advisory.cna;
