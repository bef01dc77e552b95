/**
 * The CNA record as its authors write it: the YAML under a top-level {@code cpansec:} key, its
 * typed values ({@link org.cpansec.cve.record.CveId}, {@link org.cpansec.cve.record.PauseId},
 * distribution and module names), and the reader that keeps a line and column for every node so
 * that every problem can say where it is.
 *
 * <p>Depends on Jackson (YAML), {@code org.cpansec.version} and {@code org.cpansec.cve.schema}.
 */
package org.cpansec.cve.record;
