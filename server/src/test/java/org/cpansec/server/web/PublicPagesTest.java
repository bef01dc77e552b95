package org.cpansec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Release;
import org.cpansec.server.H2Server;
import org.cpansec.server.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public pages over HTTP on the real bundled data. */
@H2Server
class PublicPagesTest {
  private static final AdvisoryDatabase CORE = AdvisoryDatabase.bundled();

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void homeSaysHowToReportAndListsLatest() {
    HttpResponse<String> r = http.page("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains(
            "<main id=\"main\"",
            "href=\"/report\"",
            "Latest advisories",
            "<nav aria-label=\"Main\">");
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
  }

  @Test
  void advisoryPageByCveShowsRangesAffectedReleasesAndCveLink() {
    HttpResponse<String> r = http.page("/advisories/CVE-2023-31486");
    assertThat(r.statusCode()).isEqualTo(200);
    Advisory a = CORE.find("CVE-2023-31486").orElseThrow();
    long affected =
        CORE.releases("HTTP-Tiny").stream()
            .filter(x -> x.isParsed() && a.affects(x.version().get()))
            .count();
    assertThat(r.body())
        .contains(
            "CPANSA-HTTP-Tiny-2023-31486",
            "https://www.cve.org/CVERecord?id=CVE-2023-31486",
            "<code>&lt;0.083</code>",
            "<code>&gt;=0.083</code>")
        .contains(
            "<span>"
                + affected
                + "</span> of <span>"
                + CORE.releases("HTTP-Tiny").size()
                + "</span>");
  }

  @Test
  void aCveSharedByManyDistributionsListsEveryAdvisoryUnderOneHeading() {
    HttpResponse<String> r = http.page("/advisories/CVE-2016-1238");
    assertThat(r.statusCode()).isEqualTo(200);
    int advisories = CORE.findAll("CVE-2016-1238").size();
    assertThat(advisories).isGreaterThan(20);
    assertThat(r.body().split("<h1", -1)).hasSize(2);
    assertThat(r.body())
        .contains("<h1>CVE-2016-1238</h1>")
        .contains("is named by " + advisories + " advisories");
    assertThat(r.body().split("<article ", -1)).hasSize(advisories + 1);
    assertThat(r.body())
        .contains("id=\"perl--CPANSA-ExtUtils-ParseXS-2016-1238\"")
        .contains("id=\"ExtUtils-ParseXS--CPANSA-ExtUtils-ParseXS-2016-1238\"");
  }

  @Test
  void distributionTimelineMarksEveryReleaseAsCoreSays() {
    HttpResponse<String> r = http.page("/dists/HTTP-Tiny");
    assertThat(r.statusCode()).isEqualTo(200);
    long affected = 0;
    for (Release rel : CORE.releases("HTTP-Tiny")) {
      if (rel.isParsed()
          && CORE.advisoriesFor("HTTP-Tiny").stream()
              .anyMatch(x -> x.affects(rel.version().get()))) {
        affected++;
      }
    }
    assertThat(count(r.body(), "class=\"st-affected\"")).isEqualTo(affected);
    assertThat(count(r.body(), "<tr class=\"st-")).isEqualTo(CORE.releases("HTTP-Tiny").size());
  }

  @Test
  void listFiltersByDistributionAndCve() {
    HttpResponse<String> r = http.page("/advisories?dist=HTTP-Tiny");
    assertThat(count(r.body(), "href=\"/advisories/CPANSA-"))
        .isEqualTo(CORE.advisoriesFor("HTTP-Tiny").size());
    HttpResponse<String> cve = http.page("/advisories?cve=CVE-2023-31486");
    assertThat(count(cve.body(), "href=\"/advisories/CPANSA-")).isEqualTo(1);
  }

  @Test
  void injectedMarkupInSearchIsShownInert() {
    String payload = "%3Cscript%3Ealert(1)%3C/script%3E%22%3E%3Cimg%20src=x%20onerror=alert(2)%3E";
    HttpResponse<String> r =
        http.page("/advisories?q=" + payload + "&dist=" + payload + "&cve=" + payload);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .doesNotContain("<script>alert(1)")
        .doesNotContain("<img src=x")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void friendlyErrorPagesWithoutDetail() {
    HttpResponse<String> missing = http.page("/advisories/CPANSA-No-Such-2099-01");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("Page not found").doesNotContain("Exception");
    assertThat(http.page("/dists/No-Such-Dist-Anywhere").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = http.page("/advisories?year=abc");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Bad request").doesNotContain("NumberFormat");
  }

  @Test
  void documentsAndSecurityTxt() {
    HttpResponse<String> doc = http.page("/docs/disclosure-policy");
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body())
        .contains("<h1>Disclosure policy</h1>", "14 days after we contact the maintainer");
    assertThat(http.page("/docs/how-to-report").body()).contains("Do not include secrets");
    assertThat(http.page("/docs/pre-release-disclosure-agreement").body()).contains("TLP:RED");
    // Problem types of the API point here: every slug must be explained.
    String errors = http.page("/docs/api-errors").body();
    for (org.cpansec.server.api.ApiProblem p : org.cpansec.server.api.ApiProblem.values()) {
      assertThat(errors).contains("<code>" + p.slug() + "</code>");
    }
    assertThat(http.page("/docs/..%2Fapplication").statusCode()).isIn(400, 404);
    assertThat(http.page("/docs/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> txt = http.page("/.well-known/security.txt");
    assertThat(txt.body())
        .startsWith("Contact: mailto:")
        .contains(
            "\nExpires: 2027-06-30T00:00:00Z\n",
            "\nPolicy: http://localhost:8080/docs/disclosure-policy\n");
  }

  private static long count(String s, String what) {
    long n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
