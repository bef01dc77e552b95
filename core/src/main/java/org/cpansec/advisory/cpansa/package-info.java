/**
 * The CPANSA formats of the community advisory database (briandfoy/cpan-security-advisory): the
 * generated JSON database that CPAN::Audit reads ({@code meta}, {@code module2dist}, {@code
 * dists}), the hand-kept YAML source files ({@code cpansa/CPANSA-*.yml}), and the writers of the
 * same JSON shape and of the Hackeriet/CPANSec {@code cpansa-feed}.
 *
 * <p>Depends on {@code org.cpansec.advisory}, {@code org.cpansec.version} and Jackson.
 */
package org.cpansec.advisory.cpansa;
