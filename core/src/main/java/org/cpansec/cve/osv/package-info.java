/**
 * A CNA record as OSV JSON: the built CVE JSON 5 record is read by the advisory database's CVE JSON
 * 5 reader and written by its OSV writer, so {@code cve emit --format osv} and {@code db export}
 * say the same thing about the same record.
 *
 * <p>Depends on {@code org.cpansec.cve.json} and {@code org.cpansec.advisory} (its CNA reader and
 * OSV writer, used as they are).
 */
package org.cpansec.cve.osv;
