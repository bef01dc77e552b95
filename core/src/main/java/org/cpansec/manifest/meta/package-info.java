/**
 * CPAN distribution metadata: {@code META.json}, {@code META.yml} and their configured {@code
 * MYMETA.*} twins, in CPAN::Meta::Spec version 2 and version 1.4: the distribution's own name,
 * version, abstract, authors, licenses and resources, and its prerequisites by phase and
 * relationship (including {@code optional_features}).
 *
 * <p>Depends on {@code org.cpansec.manifest}, {@code org.cpansec.cpan}, {@code org.cpansec.version}
 * and Jackson (streaming parsers for JSON and YAML, so that every entry keeps its line and column).
 */
package org.cpansec.manifest.meta;
