/**
 * Spring Security configuration of the public side: all public, CSRF on for forms, strict headers
 * (Content-Security-Policy allowing only this site's own styles).
 *
 * <p>Depends on Spring Security only.
 */
package org.cpansec.server.security;
