package org.cpansec.server.mail;

import java.util.List;

/**
 * A template that cannot be saved or rendered, with every problem in words a person can act on (the
 * placeholder's name, the line and column). Never carries a value that was filled in.
 */
public class MailTemplateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public MailTemplateException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as one sentence. */
  public List<String> problems() {
    return problems;
  }
}
