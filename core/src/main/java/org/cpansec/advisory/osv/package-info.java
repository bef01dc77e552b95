/**
 * OSV (Open Source Vulnerability) JSON: one record per advisory id, ecosystem {@code CPAN}, ids
 * kept as CPANSA ids (see docs/adr/0003-osv-ecosystem-and-ids.md). Writer and reader, so our own
 * export reads back, and OSV records for CPAN from elsewhere can be merged in.
 *
 * <p>Depends on {@code org.cpansec.advisory}, {@code org.cpansec.version} and Jackson.
 */
package org.cpansec.advisory.osv;
