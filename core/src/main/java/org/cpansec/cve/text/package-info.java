/**
 * The words of a record: prose folding of YAML text into CVE JSON text, version phrases ("from 0.19
 * through 0.201"), {@code {{VERSION_RANGE}}} templates, wrapping, and the cve-announce mail.
 *
 * <p>Depends on {@code org.cpansec.cve.record} and Jackson's tree model (the announcement is
 * rendered from CVE JSON, as published).
 */
package org.cpansec.cve.text;
