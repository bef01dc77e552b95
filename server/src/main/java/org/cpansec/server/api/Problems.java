package org.cpansec.server.api;

import java.net.URI;
import org.cpansec.server.ServerProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds the API's problem-detail responses; the one place their shape is decided. */
@Component
public class Problems {
  private final URI base;

  public Problems(ServerProperties properties) {
    String url = properties.site().baseUrl().toString();
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
  }

  public ProblemDetail detail(ApiProblem p, String detail, String instance) {
    ProblemDetail d = ProblemDetail.forStatusAndDetail(p.status(), detail);
    d.setType(base.resolve("docs/api-errors#" + p.slug()));
    d.setTitle(p.title());
    if (instance != null) {
      d.setInstance(URI.create(instance));
    }
    return d;
  }

  public ResponseEntity<ProblemDetail> response(ApiProblem p, String detail, String instance) {
    return ResponseEntity.status(p.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail(p, detail, instance));
  }
}
