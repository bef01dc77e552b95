package org.cpansec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.cpansec.server.H2Server;
import org.cpansec.server.Http;
import org.cpansec.server.account.Role;
import org.cpansec.server.account.TestMembers;
import org.cpansec.server.account.WorkspaceClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The health probes are public (load balancers ask them); the metrics are an admin's: they name the
 * workspace's URL templates with request counts and statuses.
 */
@H2Server
class ActuatorAccessTest {
  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void probesArePublicMetricsAreForAdmins() {
    Http anonymous = new Http(port);
    for (String probe :
        Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      assertThat(get(anonymous, probe).statusCode()).as(probe).isEqualTo(200);
    }
    for (String metrics : Set.of("/actuator/metrics", "/actuator/metrics/http.server.requests")) {
      HttpResponse<String> r = get(anonymous, metrics);
      assertThat(r.statusCode()).as(metrics).isEqualTo(302);
      assertThat(r.headers().firstValue("Location"))
          .as(metrics)
          .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
      assertThat(r.body()).as(metrics).doesNotContain("http.server.requests");
    }

    TestMembers members = new TestMembers(context);
    WorkspaceClient cna =
        new WorkspaceClient(port)
            .signIn(members.create("metricscna", Set.of(Role.CNA_MEMBER), true));
    assertThat(get(anonymous, "/actuator/metrics", cna).statusCode()).isEqualTo(403);

    WorkspaceClient admin =
        new WorkspaceClient(port).signIn(members.create("metricsadmin", Set.of(Role.ADMIN), true));
    HttpResponse<String> names = get(anonymous, "/actuator/metrics", admin);
    assertThat(names.statusCode()).isEqualTo(200);
    assertThat(names.body()).contains("http.server.requests");
  }

  /** What a probe or a scraper sends: no Accept header. */
  private static HttpResponse<String> get(Http http, String path) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The same, in the session of a signed-in member. */
  private static HttpResponse<String> get(Http http, String path, WorkspaceClient member) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Cookie", "SESSION=" + member.sessionId().orElseThrow())
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
