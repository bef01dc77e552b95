/**
 * The OSV-compatible JSON API under {@code /v1/} (described by {@code static/v1/openapi.yaml}) and
 * the one mapping of failures to RFC 9457 problem details ({@link
 * org.cpansec.server.api.ApiProblem}).
 *
 * <p>Depends on core (OSV records come from {@code org.cpansec.advisory.osv}) and {@code
 * server.store}.
 */
package org.cpansec.server.api;
