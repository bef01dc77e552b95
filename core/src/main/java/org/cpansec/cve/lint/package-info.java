/**
 * The lint rules of CNA records (CPANSEC-PROCESS.md §7): style and completeness checks that run
 * after a record has passed its schema. Errors always block; warnings block under {@code --strict}.
 * A rule is one {@link org.cpansec.cve.lint.LintRule}; rules that need outside data (the advisory
 * database's release list) plug in as further rules.
 *
 * <p>Depends on {@code org.cpansec.cve.record} and {@code org.cpansec.cve.text} and {@code
 * org.cpansec.cve.json} (which reference tags CVE JSON keeps).
 */
package org.cpansec.cve.lint;
