package org.cpansec.cve.record;

import java.util.List;

/** A record that cannot be read into the model: every problem found, each with its place. */
public final class InvalidRecordException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<RecordProblem> problems;

  public InvalidRecordException(List<RecordProblem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public List<RecordProblem> problems() {
    return problems;
  }

  private static String summary(List<RecordProblem> problems) {
    StringBuilder b = new StringBuilder();
    for (RecordProblem p : problems) {
      b.append(b.length() == 0 ? "" : "\n").append(p);
    }
    return b.toString();
  }
}
