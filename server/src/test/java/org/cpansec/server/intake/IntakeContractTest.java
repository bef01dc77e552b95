package org.cpansec.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The report forms over HTTP, as a browser submits them; run once per database. */
abstract class IntakeContractTest {
  private static final Pattern LINK =
      Pattern.compile("id=\"tracking-link\" href=\"(/track/[A-Za-z0-9_-]{43})\"");

  @LocalServerPort int port;
  @Autowired ReportStore reports;
  @Autowired JdbcClient jdbc;
  FormClient client;

  @BeforeEach
  void fresh() {
    client = new FormClient(port);
    // Each test starts with an empty rate-limit window for the loopback client.
    jdbc.sql("DELETE FROM submission").update();
  }

  static Map<String, String> vulnerability() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("distribution", "HTTP-Tiny");
    f.put("version", "0.082");
    f.put(
        "downloadUrl", "https://cpan.metacpan.org/authors/id/D/DA/DAGOLDEN/HTTP-Tiny-0.082.tar.gz");
    f.put("details", "verify_SSL defaults to 0, so TLS certificates are not checked.");
    f.put("credit", "true");
    return f;
  }

  @Test
  void vulnerabilityIsStoredAndTrackable() {
    int before = reports.count("report");
    HttpResponse<String> receipt =
        client.submit("/report/vulnerability", "/report/vulnerability", vulnerability());
    assertThat(receipt.statusCode()).isEqualTo(200);
    assertThat(reports.count("report")).isEqualTo(before + 1);
    Matcher m = LINK.matcher(receipt.body());
    assertThat(m.find()).as(receipt.body()).isTrue();
    String track = m.group(1);
    String stored =
        jdbc.sql("SELECT token_hash FROM report ORDER BY id DESC LIMIT 1")
            .query(String.class)
            .single();
    assertThat(stored).hasSize(64).isNotEqualTo(track.substring(7));
    HttpResponse<String> page = client.get(track);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("HTTP-Tiny", "reported");
    HttpResponse<String> added =
        client.submit(track, track, Map.of("note", "Also affects <b>0.080</b>."));
    assertThat(added.body()).contains("Also affects &lt;b&gt;0.080&lt;/b&gt;.");
  }

  @Test
  void requiredFieldsGetClearMessagesAndNothingIsStored() {
    int before = reports.count("report");
    Map<String, String> f = vulnerability();
    f.put("distribution", "");
    f.put("downloadUrl", "ftp://x");
    HttpResponse<String> r = client.submit("/report/vulnerability", "/report/vulnerability", f);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("Name the distribution", "must start with http:// or https://");
    assertThat(r.body()).contains("verify_SSL defaults to 0");
    assertThat(reports.count("report")).isEqualTo(before);
  }

  @Test
  void aSecretIsWarnedAboutUntilTheReporterConfirms() {
    Map<String, String> f = vulnerability();
    f.put("details", "Use token ghp_" + "a".repeat(36) + " to reproduce");
    int before = reports.count("report");
    HttpResponse<String> warned =
        client.submit("/report/vulnerability", "/report/vulnerability", f);
    assertThat(warned.statusCode()).isEqualTo(422);
    assertThat(warned.body()).contains("seems to contain <span>a GitHub token</span>");
    assertThat(reports.count("report")).isEqualTo(before);
    f.put("secretsChecked", "true");
    assertThat(client.submit("/report/vulnerability", "/report/vulnerability", f).statusCode())
        .isEqualTo(200);
    assertThat(reports.count("report")).isEqualTo(before + 1);
  }

  /** HTML and script payloads, as they would arrive in any text field. */
  static final java.util.List<String> PAYLOADS =
      java.util.List.of(
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(2)>",
          "'><svg onload=alert(3)>",
          "</textarea><script>alert(4)</script>",
          "javascript:alert(5)");

  @Test
  void injectedMarkupInEveryFieldIsShownInert() {
    for (String p : PAYLOADS) {
      Map<String, String> f = new LinkedHashMap<>();
      for (String field :
          java.util.List.of(
              "distribution", "version", "downloadUrl", "details", "context", "name", "email")) {
        f.put(field, p);
      }
      // Invalid on purpose (distribution, URL, e-mail): the form comes back with every value in it.
      HttpResponse<String> again =
          client.submit("/report/vulnerability", "/report/vulnerability", f);
      assertThat(again.statusCode()).isEqualTo(422);
      assertThat(again.body())
          .as(p)
          .doesNotContain(p.replace("javascript:alert(5)", "href=\"javascript:"));
      if (p.contains("<")) {
        assertThat(again.body()).as(p).doesNotContain(p);
      }
      Map<String, String> valid = vulnerability();
      valid.put("details", p);
      valid.put("name", p);
      HttpResponse<String> receipt =
          client.submit("/report/vulnerability", "/report/vulnerability", valid);
      Matcher m = LINK.matcher(receipt.body());
      assertThat(m.find()).as(p).isTrue();
      HttpResponse<String> page = client.submit(m.group(1), m.group(1), Map.of("note", p));
      if (p.contains("<")) {
        assertThat(page.body()).as(p).doesNotContain(p);
      }
      jdbc.sql("DELETE FROM submission").update();
    }
  }

  @Test
  void withoutCsrfTokenNothingIsAccepted() {
    client.get("/report/vulnerability");
    HttpResponse<String> r = client.post("/report/vulnerability", vulnerability(), null);
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void accountReportKeepsOnlyAReceiptAndQueuesTheEvidenceForPauseAdmins() {
    int outbox = reports.count("outbox");
    HttpResponse<String> r =
        client.submit(
            "/report/account",
            "/report/account",
            Map.of("pauseId", "someone", "evidence", "Unexpected upload of Foo-1.0 at 03:00 UTC."));
    assertThat(r.statusCode()).isEqualTo(200);
    // The evidence for the PAUSE admins, and the team's notice (no confirmation: no address).
    assertThat(reports.count("outbox")).isEqualTo(outbox + 2);
    String details =
        jdbc.sql("SELECT COALESCE(details, '') FROM report ORDER BY id DESC LIMIT 1")
            .query(String.class)
            .single();
    assertThat(details).isEmpty();
    String mail =
        jdbc.sql(
                "SELECT body FROM outbox WHERE subject LIKE 'Compromised%' ORDER BY id DESC LIMIT 1")
            .query(String.class)
            .single();
    assertThat(mail).contains("SOMEONE", "Unexpected upload of Foo-1.0");
  }

  @Test
  void submissionsPerClientAreLimited() {
    for (int i = 0; i < 5; i++) {
      assertThat(client.submit("/report/malware", "/report/malware", vulnerability()).statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> sixth =
        client.submit("/report/malware", "/report/malware", vulnerability());
    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(sixth.body()).contains("Too many reports");
  }

  @Test
  void unknownOrMalformedTrackingTokensAre404() {
    assertThat(client.get("/track/" + "A".repeat(43)).statusCode()).isEqualTo(404);
    assertThat(client.get("/track/short").statusCode()).isEqualTo(404);
  }

  /** A real PNG, written by the JDK's own encoder. */
  static byte[] png() {
    java.awt.image.BufferedImage img =
        new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void attachmentsAreStoredTypedFromTheirBytesAndListedByNameAndSizeOnly() throws Exception {
    byte[] log =
        java.nio.file.Files.readAllBytes(
            java.nio.file.Path.of("../core/src/test/resources/datapack/README.md"));
    byte[] image = png();
    HttpResponse<String> receipt =
        client.submitWithFiles(
            "/report/vulnerability",
            "/report/vulnerability",
            vulnerability(),
            java.util.List.of(
                // The claimed types are wrong on purpose: the bytes decide.
                new FormClient.FilePart("C:\\Users\\me\\shot.png", "text/html", image),
                new FormClient.FilePart("notes.md", "image/png", log)));
    assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
    long id = jdbc.sql("SELECT MAX(id) FROM report").query(Long.class).single();
    var rows =
        jdbc.sql(
                "SELECT file_name, content_type, size_bytes, content FROM report_attachment"
                    + " WHERE report_id = ? ORDER BY id")
            .param(id)
            .query(
                (rs, n) ->
                    java.util.List.of(
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)))
            .list();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).subList(0, 3))
        .containsExactly("shot.png", "image/png", (long) image.length);
    assertThat((byte[]) rows.get(0).get(3)).isEqualTo(image);
    assertThat(rows.get(1).subList(0, 3))
        .containsExactly("notes.md", "text/plain; charset=utf-8", (long) log.length);
    assertThat((byte[]) rows.get(1).get(3)).isEqualTo(log);

    Matcher m = LINK.matcher(receipt.body());
    assertThat(m.find()).isTrue();
    String page = client.get(m.group(1)).body();
    assertThat(page).contains("shot.png", "notes.md", Uploads.size(log.length));
    // Names and sizes only: no link to the content anywhere on the page.
    assertThat(page).doesNotContain("href=\"/track/" + m.group(1).substring(7) + "/");
    assertThat(page)
        .doesNotContain(new String(log, java.nio.charset.StandardCharsets.UTF_8).substring(0, 40));
  }

  @Test
  void aTooLargeFileGetsAClearMessageAndKeepsTheTypedFields() {
    int before = reports.count("report");
    Map<String, String> f = vulnerability();
    f.put("context", "Seen with perl 5.38 on Debian.");
    HttpResponse<String> r =
        client.submitWithFiles(
            "/report/malware",
            "/report/malware",
            f,
            java.util.List.of(
                new FormClient.FilePart("small.txt", "text/plain", "ok".getBytes()),
                new FormClient.FilePart("huge.log", "text/plain", new byte[5 * 1024 * 1024 + 1])));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .contains("“huge.log” is 5.0 MiB; each file may be at most 5.0 MiB.")
        .contains("choose the files again")
        .contains("value=\"HTTP-Tiny\"", "verify_SSL defaults to 0", "Seen with perl 5.38");
    assertThat(reports.count("report")).isEqualTo(before);
  }

  @Test
  void tooManyFilesAreRefusedWithTheLimit() {
    var files = new java.util.ArrayList<FormClient.FilePart>();
    for (int i = 0; i < 6; i++) {
      files.add(new FormClient.FilePart("f" + i + ".txt", "text/plain", "x".getBytes()));
    }
    HttpResponse<String> r =
        client.submitWithFiles(
            "/report/vulnerability", "/report/vulnerability", vulnerability(), files);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("Attach at most 5 files.");
  }
}
