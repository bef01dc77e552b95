/**
 * The compact, pre-indexed form of the bundled CPANSA snapshot, built from the JSON at build time
 * ({@link org.cpansec.advisory.compact.BuildCompact}, run by Maven in {@code process-classes}) so
 * that start-up reads length-prefixed strings instead of parsing 4 MB of JSON. It holds exactly
 * what the CPANSA JSON reader produces, findings included; a test checks the two agree.
 *
 * <p>Depends on {@code org.cpansec.advisory} and the JDK; the build step also on the CPANSA reader.
 */
package org.cpansec.advisory.compact;
