package org.cpansec.server.api;

/** A request the API refuses, with the problem from the fixed list and a message for the client. */
public final class ApiException extends RuntimeException {
  private final ApiProblem problem;

  public ApiException(ApiProblem problem, String detail) {
    super(detail);
    this.problem = problem;
  }

  public ApiProblem problem() {
    return problem;
  }
}
