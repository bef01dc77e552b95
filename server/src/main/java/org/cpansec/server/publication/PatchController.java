package org.cpansec.server.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * Published patches, for anyone: {@code /patches/<Initial>/<Dist>/<version>/<CVE>-r<N>.patch}. Only
 * paths a publication recorded ({@code published_patch}) are served, from {@code
 * cpansec.publication.patch-dir}: as plain text, as an attachment, with {@code nosniff} and a
 * sandboxing Content-Security-Policy, so a browser never runs or renders anything in it.
 */
@RestController
public class PatchController {
  private static final Logger LOG = LoggerFactory.getLogger(PatchController.class);

  private final PublicationStore store;
  private final PatchFiles files;

  PatchController(PublicationStore store, PatchFiles files) {
    this.store = store;
    this.files = files;
  }

  @GetMapping("/patches/{initial}/{dist}/{version}/{file}")
  public ResponseEntity<byte[]> patch(
      @PathVariable("initial") String initial,
      @PathVariable("dist") String dist,
      @PathVariable("version") String version,
      @PathVariable("file") String file,
      WebRequest request) {
    String relative = initial + "/" + dist + "/" + version + "/" + file;
    PublicationStore.PublishedPatch p =
        store.patchByPath(relative).orElseThrow(PatchController::notFound);
    Optional<Path> path = files.file(p.path());
    if (path.isEmpty()) {
      LOG.warn("published patch {} is missing from the patch directory", p.path());
      throw notFound();
    }
    String etag = "\"" + p.sha256() + "\"";
    if (request.checkNotModified(etag)) {
      return null;
    }
    byte[] body;
    try {
      body = Files.readAllBytes(path.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
        .eTag(etag)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
        .body(body);
  }

  private static ResponseStatusException notFound() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND);
  }
}
