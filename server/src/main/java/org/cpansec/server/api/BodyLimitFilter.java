package org.cpansec.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cpansec.server.ServerProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps API request bodies at {@code cpansec.api.max-body-bytes}: a declared length over the cap is
 * refused before reading; a chunked body is cut off once it passes the cap, and the handler answers
 * 413 (see {@link ApiExceptionHandler}).
 */
@Component
public class BodyLimitFilter extends OncePerRequestFilter {
  private static final String EXCEEDED = BodyLimitFilter.class.getName() + ".exceeded";
  private static final String LIMIT = BodyLimitFilter.class.getName() + ".limit";

  private final int limit;
  private final Problems problems;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  public BodyLimitFilter(
      ServerProperties properties,
      Problems problems,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    this.limit = properties.api().maxBodyBytes();
    this.problems = problems;
    this.json = json;
  }

  static boolean exceeded(HttpServletRequest req) {
    return req.getAttribute(EXCEEDED) != null;
  }

  static Object limit(HttpServletRequest req) {
    return req.getAttribute(LIMIT);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/v1/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws ServletException, IOException {
    req.setAttribute(LIMIT, limit);
    if (req.getContentLengthLong() > limit) {
      res.setStatus(ApiProblem.BODY_TOO_LARGE.status().value());
      res.setContentType("application/problem+json");
      json.writeValue(
          res.getOutputStream(),
          problems.detail(
              ApiProblem.BODY_TOO_LARGE,
              "the request body is larger than " + limit + " bytes",
              req.getRequestURI()));
      return;
    }
    chain.doFilter(new Limited(req, limit), res);
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final int limit;

    Limited(HttpServletRequest req, int limit) {
      super(req);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      HttpServletRequest req = (HttpServletRequest) getRequest();
      return new ServletInputStream() {
        private long count;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0 && ++count > limit) {
            req.setAttribute(EXCEEDED, Boolean.TRUE);
            throw new IOException("request body larger than " + limit + " bytes");
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0 && (count += n) > limit) {
            req.setAttribute(EXCEEDED, Boolean.TRUE);
            throw new IOException("request body larger than " + limit + " bytes");
          }
          return n;
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
