/**
 * The SQL store of the platform (H2 or PostgreSQL, Flyway migrations under {@code db/migration})
 * and the in-memory advisory database built from it. Plain {@code JdbcClient}, no ORM.
 *
 * <p>May depend on core ({@code org.cpansec.advisory}, {@code org.cpansec.version}) and Spring
 * JDBC; never on the web packages.
 */
package org.cpansec.server.store;
