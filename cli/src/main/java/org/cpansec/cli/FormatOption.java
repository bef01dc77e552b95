package org.cpansec.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option, mixed into every command that reports. */
public final class FormatOption {
  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.text;

  public boolean json() {
    return format == OutputFormat.json;
  }
}
