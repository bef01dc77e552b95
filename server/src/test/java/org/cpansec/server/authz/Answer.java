package org.cpansec.server.authz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** What the server answered: status, every header, the body as sent. */
record Answer(int status, Map<String, List<String>> headers, byte[] body) {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  String header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .findFirst()
        .orElse("");
  }

  boolean redirectsToLogin() {
    return status == 302 && header("Location").endsWith("/login");
  }

  /**
   * Everything a viewer receives, as text to scan: every header (name and value, so Location and
   * Content-Disposition too), the body, and — for a zip — each entry's name and content.
   */
  String everything() {
    StringBuilder s = new StringBuilder();
    headers.forEach((k, v) -> s.append(k).append(": ").append(String.join(", ", v)).append('\n'));
    s.append(text());
    if (isZip()) {
      s.append('\n').append(unzipped());
    }
    return s.toString();
  }

  private boolean isZip() {
    if (body.length < ZIP_MAGIC.length) {
      return false;
    }
    for (int i = 0; i < ZIP_MAGIC.length; i++) {
      if (body[i] != ZIP_MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private String unzipped() {
    StringBuilder s = new StringBuilder();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        s.append(e.getName()).append('\n');
        s.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  @Override
  public String toString() {
    String t = text();
    return status + " " + header("Location") + " " + (t.length() > 300 ? t.substring(0, 300) : t);
  }
}
