/**
 * The {@code cpansec} command line: picocli commands that read arguments, call the domain in {@code
 * org.cpansec.*} and present its results as text or JSON. No domain logic lives here. Exit codes
 * are mapped in one place, {@link org.cpansec.cli.ExitCode}, and documented in {@code docs/cli.md}.
 */
package org.cpansec.cli;
