/**
 * Advisories written as OSV records, shared by the JSON API and the OSV export feed.
 *
 * <p>Depends on core's advisory and version packages and Jackson only.
 */
package org.cpansec.server.osv;
