/**
 * Documents rendered from Markdown ({@code /docs/{page}}, overridable by configuration) and {@code
 * /.well-known/security.txt}.
 *
 * <p>Depends on commonmark and the server's configuration only.
 */
package org.cpansec.server.docs;
