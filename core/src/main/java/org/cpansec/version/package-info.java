/**
 * Perl version semantics, exactly as Perl's own {@code version.pm} (0.9929, shipped with perl 5.36)
 * defines them, and the three range syntaxes the project meets: CPANSA advisory ranges, CPAN::Meta
 * requirements and CNA record ranges.
 *
 * <p>Depends on nothing but the JDK. Everything else in the project compares versions through this
 * package, never with string or floating-point comparisons.
 */
package org.cpansec.version;
