/**
 * The lint rules of CNA records (CPANSEC-PROCESS.md §7): style and completeness checks that run
 * after a record has passed its schema. Errors always block; warnings block under {@code --strict};
 * notices (what could not be checked) never block. A rule is one {@link
 * org.cpansec.cve.lint.LintRule}; {@code ReleaseRules} checks {@code affected} against the advisory
 * database's release list.
 *
 * <p>Depends on {@code org.cpansec.cve.record} and {@code org.cpansec.cve.text} and {@code
 * org.cpansec.cve.json} (which reference tags CVE JSON keeps), and on {@code org.cpansec.advisory}
 * for release lists only.
 */
package org.cpansec.cve.lint;
