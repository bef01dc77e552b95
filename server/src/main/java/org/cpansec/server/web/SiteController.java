package org.cpansec.server.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cpansec.advisory.Advisory;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.Severity;
import org.cpansec.server.store.AdvisoryCatalog;
import org.cpansec.server.store.AdvisorySearch;
import org.cpansec.server.store.AdvisoryStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The public advisory pages: home, the searchable list, one advisory, one distribution. */
@Controller
public class SiteController {
  static final int PAGE_SIZE = 50;

  private final AdvisoryCatalog catalog;
  private final AdvisoryStore store;

  public SiteController(AdvisoryCatalog catalog, AdvisoryStore store) {
    this.catalog = catalog;
    this.store = store;
  }

  @GetMapping("/")
  public String home(Model model) {
    model.addAttribute("latest", store.search(AdvisorySearch.latest(10)));
    model.addAttribute("count", catalog.database().all().size());
    return "home";
  }

  @GetMapping("/advisories")
  public String list(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "dist", required = false) String dist,
      @RequestParam(name = "severity", required = false) String severity,
      @RequestParam(name = "year", required = false) String year,
      @RequestParam(name = "cve", required = false) String cve,
      @RequestParam(name = "page", defaultValue = "1") int page,
      Model model) {
    SearchForm form = new SearchForm(q, dist, severity, year, cve);
    int p = Math.max(1, Math.min(page, 10_000));
    AdvisorySearch search =
        new AdvisorySearch(
            nonBlank(q),
            nonBlank(dist),
            nonBlank(severity).flatMap(SiteController::level),
            nonBlank(year).flatMap(SiteController::number),
            nonBlank(cve),
            PAGE_SIZE + 1,
            (p - 1) * PAGE_SIZE);
    List<org.cpansec.server.store.AdvisorySummary> rows = store.search(search);
    model.addAttribute("form", form);
    model.addAttribute("results", rows.subList(0, Math.min(rows.size(), PAGE_SIZE)));
    model.addAttribute("page", p);
    model.addAttribute("hasNext", rows.size() > PAGE_SIZE);
    model.addAttribute("years", store.years());
    model.addAttribute("severities", List.of("critical", "high", "medium", "low", "unknown"));
    return "advisories";
  }

  @GetMapping("/advisories/{id}")
  public String advisory(@PathVariable String id, Model model) {
    AdvisoryDatabase db = catalog.database();
    List<Advisory> found = db.findAll(id);
    if (found.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute("query", id);
    model.addAttribute("views", found.stream().map(a -> AdvisoryView.of(a, db)).toList());
    return "advisory";
  }

  @GetMapping("/dists/{name}")
  public String distribution(@PathVariable String name, Model model) {
    AdvisoryDatabase db = catalog.database();
    if (db.advisoriesFor(name).isEmpty() && !db.knowsReleasesOf(name)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute("dist", DistributionView.of(name, db));
    return "distribution";
  }

  /** The list's filters as the user typed them, to fill the form again. */
  public record SearchForm(String q, String dist, String severity, String year, String cve) {}

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  private static Optional<Severity.Level> level(String s) {
    try {
      return Optional.of(Severity.Level.valueOf(s.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown severity " + s, e);
    }
  }

  private static Optional<Integer> number(String s) {
    try {
      return Optional.of(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "year must be a number", e);
    }
  }
}
