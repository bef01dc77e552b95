/**
 * {@code cpansec audit fix}: raises the minimum versions a cpanfile declares to the releases the
 * audit recommends, editing only the version literal of each statement so that formatting and
 * comments stay as the author wrote them. What cannot be rewritten safely is reported, not guessed.
 */
package org.cpansec.audit.fix;
