/**
 * The authorization matrix of issue 8 over HTTP: every route the server has ({@link
 * org.cpansec.server.authz.Routes}, checked against the handler mapping) × every kind of viewer ×
 * cases in several states and a sensitive one, each field carrying a canary. Uses the test helpers
 * of {@code account} and {@code cases}; depends on no production package but through HTTP, except
 * to make its fixtures.
 */
package org.cpansec.server.authz;
