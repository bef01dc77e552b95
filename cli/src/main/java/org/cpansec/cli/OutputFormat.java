package org.cpansec.cli;

/** The values of the {@code --format} option shared by every reporting command. */
public enum OutputFormat {
  text,
  json
}
