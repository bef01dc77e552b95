/**
 * The CPANSec platform's Spring Boot application and its typed configuration ({@link
 * org.cpansec.server.ServerProperties}). Sub-packages: {@code store} (SQL), {@code web} (public
 * pages), {@code api} (OSV-compatible JSON API), {@code feeds}, {@code docs}, {@code intake}
 * (private reports), {@code security}.
 *
 * <p>The domain stays in core; this module translates HTTP and SQL to it and back.
 */
package org.cpansec.server;
