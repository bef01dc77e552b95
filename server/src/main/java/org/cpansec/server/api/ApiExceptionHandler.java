package org.cpansec.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to the API's problem list. Failures outside {@code /v1/} go to the servlet
 * error page instead (the friendly HTML 404/500), so this is the only place either is decided.
 */
@RestControllerAdvice
public class ApiExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final Problems problems;

  public ApiExceptionHandler(Problems problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest req) {
    return problems.response(e.problem(), e.getMessage(), req.getRequestURI());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    if (BodyLimitFilter.exceeded(req)) {
      return problems.response(
          ApiProblem.BODY_TOO_LARGE,
          "the request body is larger than " + BodyLimitFilter.limit(req) + " bytes",
          req.getRequestURI());
    }
    return orPage(
        req, res, 400, ApiProblem.MALFORMED_JSON, "the body is not valid JSON: " + firstLine(e));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> notFound(HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    return orPage(req, res, 404, ApiProblem.NOT_FOUND, "no such resource: " + req.getRequestURI());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    return orPage(
        req,
        res,
        405,
        ApiProblem.METHOD_NOT_ALLOWED,
        req.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    return orPage(
        req,
        res,
        415,
        ApiProblem.UNSUPPORTED_MEDIA_TYPE,
        "send the body as application/json, not " + e.getContentType());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    return orPage(req, res, 406, ApiProblem.NOT_ACCEPTABLE, "this resource is application/json");
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ProblemDetail> status(
      ResponseStatusException e, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    int code = e.getStatusCode().value();
    ApiProblem p = code == 404 ? ApiProblem.NOT_FOUND : ApiProblem.INVALID_QUERY;
    return orPage(req, res, code, p, e.getReason() == null ? p.title() : e.getReason());
  }

  @ExceptionHandler({TypeMismatchException.class, MissingServletRequestParameterException.class})
  ResponseEntity<ProblemDetail> badParameter(
      Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
    return orPage(req, res, 400, ApiProblem.INVALID_QUERY, "bad request parameter");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> internal(
      Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
    LOG.error("internal error on {} {}", req.getMethod(), req.getRequestURI(), e);
    return orPage(req, res, 500, ApiProblem.INTERNAL_ERROR, "internal error; it has been logged");
  }

  private ResponseEntity<ProblemDetail> orPage(
      HttpServletRequest req, HttpServletResponse res, int status, ApiProblem p, String detail)
      throws IOException {
    if (req.getRequestURI().startsWith("/v1/")) {
      return problems.response(p, detail, req.getRequestURI());
    }
    res.sendError(status);
    return null;
  }

  private static String firstLine(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    int source = line.indexOf(" at [Source");
    return source < 0 ? line : line.substring(0, source);
  }
}
