/**
 * The public, server-rendered pages (Thymeleaf templates under {@code templates/}): home, advisory
 * list and page, distribution page, documents; with the view models they render.
 *
 * <p>Depends on core and {@code server.store}; no page code talks SQL directly.
 */
package org.cpansec.server.web;
