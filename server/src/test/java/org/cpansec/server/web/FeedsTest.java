package org.cpansec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.server.H2Server;
import org.cpansec.server.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The feeds: well-formed, complete, and cheap to poll (ETag / Last-Modified → 304). */
@H2Server
class FeedsTest {
  private static final AdvisoryDatabase CORE = AdvisoryDatabase.bundled();

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void atomIsWellFormedNewestFirst() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/feeds/advisories.atom")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    NodeList published = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "published");
    assertThat(published.getLength()).isEqualTo(100);
    for (int i = 1; i < published.getLength(); i++) {
      assertThat(published.item(i - 1).getTextContent())
          .isGreaterThanOrEqualTo(published.item(i).getTextContent());
    }
  }

  @Test
  void conditionalGetAnswers304() {
    HttpResponse<byte[]> first =
        http.send(
            HttpRequest.newBuilder(http.uri("/feeds/cpansa.json")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
    assertThat(
            http.send(
                    HttpRequest.newBuilder(http.uri("/feeds/cpansa.json"))
                        .header("If-None-Match", etag)
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .statusCode())
        .isEqualTo(304);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(http.uri("/feeds/cpansa.json"))
                        .header("If-Modified-Since", lastModified)
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .statusCode())
        .isEqualTo(304);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(http.uri("/feeds/cpansa.json"))
                        .header("If-None-Match", "\"other\"")
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void cpansaJsonCarriesEveryDistribution() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/feeds/cpan-audit.json")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    JsonNode root = new ObjectMapper().readTree(r.body());
    assertThat(root.path("dists").path("HTTP-Tiny").path("advisories").size())
        .isEqualTo(CORE.advisoriesFor("HTTP-Tiny").size());
    assertThat(root.path("module2dist").path("HTTP::Tiny").asText()).isEqualTo("HTTP-Tiny");
  }

  @Test
  void osvZipHoldsOneRecordPerAdvisoryId() throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/feeds/osv.zip")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    Set<String> names = new HashSet<>();
    try (ZipInputStream z = new ZipInputStream(r.body())) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        JsonNode rec = new ObjectMapper().readTree(z.readAllBytes());
        assertThat(e.getName()).isEqualTo(rec.path("id").asText() + ".json");
        names.add(e.getName());
      }
    }
    Set<String> ids = new HashSet<>();
    CORE.all().forEach(a -> ids.add(a.id() + ".json"));
    assertThat(names).isEqualTo(ids);
  }
}
