package org.cpansec.server.cpanindex;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpansec.server.account.CurrentMember;
import org.cpansec.server.account.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/cpan-index}, for admins only: the current CPAN index (when, by whom, counts,
 * problems), the upload of a new one, and a look-up of a distribution's downstream dependents.
 * Anyone else is refused (403) with the reason.
 */
@Controller
public class CpanIndexController {
  static final String PATH = "/admin/cpan-index";
  private static final Logger log = LoggerFactory.getLogger(CpanIndexController.class);
  private static final int HISTORY = 10;

  private final CpanIndexImporter importer;
  private final CpanIndexStore store;
  private final BlastRadius blastRadius;
  private final ObjectProvider<CurrentMember> currentMember;

  public CpanIndexController(
      CpanIndexImporter importer,
      CpanIndexStore store,
      BlastRadius blastRadius,
      ObjectProvider<CurrentMember> currentMember) {
    this.importer = importer;
    this.store = store;
    this.blastRadius = blastRadius;
    this.currentMember = currentMember;
  }

  @GetMapping(PATH)
  public String page(
      @RequestParam(name = "distribution", required = false) String distribution,
      Model model,
      HttpServletResponse res) {
    if (admin().isEmpty()) {
      return refuse(res);
    }
    res.setHeader("Cache-Control", "no-store");
    show(model, distribution);
    return "cpanindex/admin";
  }

  @PostMapping(PATH)
  public String upload(
      @RequestParam(name = "packages", required = false) MultipartFile packages,
      @RequestParam(name = "dump", required = false) MultipartFile dump,
      Model model,
      HttpServletResponse res,
      RedirectAttributes redirect) {
    Optional<Member> member = admin();
    if (member.isEmpty()) {
      return refuse(res);
    }
    res.setHeader("Cache-Control", "no-store");
    String missing =
        isEmpty(packages)
            ? "Choose the 02packages.details.txt file (plain or .gz)."
            : isEmpty(dump) ? "Choose the dependency dump (JSON Lines, plain or .gz)." : null;
    if (missing != null) {
      return refused(model, res, missing);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("cpansec-cpan-index-");
      Path p = save(packages, dir.resolve("packages"), "02packages.details.txt");
      Path d = save(dump, dir.resolve("dump"), "dump.jsonl");
      ImportSummary summary = importer.importIndex(p, d, member);
      redirect.addFlashAttribute("imported", summary.id());
      return "redirect:" + PATH;
    } catch (ImportRefusedException e) {
      return refused(model, res, e.getMessage());
    } catch (IOException e) {
      log.warn("CPAN index upload could not be stored on disk", e);
      return refused(
          model,
          res,
          "The server could not store the uploaded files: try again, or import them"
              + " with the admin command.");
    } finally {
      delete(dir);
    }
  }

  private String refused(Model model, HttpServletResponse res, String reason) {
    res.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
    model.addAttribute("error", reason);
    show(model, null);
    return "cpanindex/admin";
  }

  private void show(Model model, String distribution) {
    model.addAttribute("current", store.current().orElse(null));
    model.addAttribute("history", store.history(HISTORY));
    model.addAttribute("distribution", distribution == null ? "" : distribution.strip());
    if (distribution != null && !distribution.isBlank()) {
      model.addAttribute("result", blastRadius.downstreamOf(distribution));
    }
  }

  private Optional<Member> admin() {
    CurrentMember who = currentMember.getIfAvailable();
    return who == null ? Optional.empty() : who.get().filter(Member::isAdmin);
  }

  private static String refuse(HttpServletResponse res) {
    res.setStatus(HttpStatus.FORBIDDEN.value());
    res.setHeader("Cache-Control", "no-store");
    return "cpanindex/forbidden";
  }

  private static boolean isEmpty(MultipartFile f) {
    return f == null || f.isEmpty();
  }

  /** Stores an upload under its own name (last segment, safe characters) in its own directory. */
  private static Path save(MultipartFile file, Path dir, String fallback) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(safeName(file.getOriginalFilename(), fallback));
    file.transferTo(target);
    return target;
  }

  static String safeName(String original, String fallback) {
    if (original == null) {
      return fallback;
    }
    String last =
        original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.') || safe.length() > 100) {
      return fallback;
    }
    return safe;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      log.warn("could not delete the upload directory {}", dir, e);
    }
  }
}
