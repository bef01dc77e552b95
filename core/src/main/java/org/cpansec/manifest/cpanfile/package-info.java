/**
 * The cpanfile language (Module::CPANfile's DSL), read by a real tokenizer ({@link
 * org.cpansec.manifest.cpanfile.Lexer}) and a recursive-descent parser ({@link
 * org.cpansec.manifest.cpanfile.CpanfileParser}); Perl is never run. The small expressions real
 * cpanfiles hold ({@code $]} and {@code $^O} comparisons, {@code ?:}, {@code if/elsif/else/unless},
 * statement modifiers) are evaluated for the target perl and OS of the {@link
 * org.cpansec.manifest.ExtractContext}; anything else is reported with line and column, the
 * statement it affects becomes an unknown requirement, and reading goes on.
 *
 * <p>Depends on {@code org.cpansec.manifest}, {@code org.cpansec.cpan}, {@code
 * org.cpansec.version}.
 */
package org.cpansec.manifest.cpanfile;
