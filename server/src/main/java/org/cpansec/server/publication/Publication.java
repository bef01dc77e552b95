package org.cpansec.server.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cpansec.cve.json.CanonicalJson;
import org.cpansec.cve.record.CnaRecordReader;
import org.cpansec.cve.record.InvalidRecordException;
import org.cpansec.server.ServerProperties;
import org.cpansec.server.account.Member;
import org.cpansec.server.audit.AuditLog;
import org.cpansec.server.cases.CaseAccess;
import org.cpansec.server.cases.CaseAttachments;
import org.cpansec.server.cases.CaseNotFoundException;
import org.cpansec.server.cases.CaseRecord;
import org.cpansec.server.cases.CaseState;
import org.cpansec.server.cases.Cases;
import org.cpansec.server.cases.TransitionReason;
import org.cpansec.server.cases.Viewer;
import org.cpansec.server.cveid.CveIdPool;
import org.cpansec.server.cveid.CveIdState;
import org.cpansec.server.cveservices.CveIdInfo;
import org.cpansec.server.cveservices.CveServicesClient;
import org.cpansec.server.mail.MailPurpose;
import org.cpansec.server.mail.MailService;
import org.cpansec.server.mail.Recipients;
import org.cpansec.server.publication.PublicationStore.Addressee;
import org.cpansec.server.publication.PublicationStore.FixPatch;
import org.cpansec.server.publication.PublicationStore.PublishedPatch;
import org.cpansec.server.publication.PublicationStore.Run;
import org.cpansec.server.publication.PublicationStore.RunRecord;
import org.cpansec.server.publication.PublicationStore.StepRow;
import org.cpansec.server.record.CheckResult;
import org.cpansec.server.record.RecordCheck;
import org.cpansec.server.record.RecordStore;
import org.cpansec.server.store.AdvisoryCatalog;
import org.cpansec.server.store.CnaAdvisories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "publish" action of a case and the §9 update of its published records: runs the steps of
 * CPANSEC-PROCESS.md §8 that the platform can do ({@link Step}), each in its own transaction and
 * recorded in {@code publication_step}. A done step is never run again; a failed one keeps its
 * error, and "publish" (or "retry") resumes the run at the first step not done. Only CNA members
 * who see the case (the ADR 0008 rule, {@link CaseAccess}) publish; everything is audited.
 */
@Service
public class Publication {
  private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

  /** A claim on a run older than this is taken to belong to a server that died mid-run. */
  static final Duration CLAIM_TTL = Duration.ofMinutes(15);

  private static final int MAX_NOTE = 2000;

  private final PublicationStore store;
  private final CaseAccess access;
  private final Cases cases;
  private final CaseAttachments attachments;
  private final RecordStore records;
  private final RecordCheck check;
  private final PublishedRecords builds;
  private final PatchFiles patchFiles;
  private final AdvisoryCatalog catalog;
  private final CnaAdvisories cnaAdvisories;
  private final CveServicesClient cveServices;
  private final CveIdPool pool;
  private final MailService mail;
  private final AuditLog audit;
  private final PublicationProperties config;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final String baseUrl;

  Publication(
      PublicationStore store,
      CaseAccess access,
      Cases cases,
      CaseAttachments attachments,
      RecordStore records,
      RecordCheck check,
      PublishedRecords builds,
      PatchFiles patchFiles,
      AdvisoryCatalog catalog,
      CnaAdvisories cnaAdvisories,
      CveServicesClient cveServices,
      CveIdPool pool,
      MailService mail,
      AuditLog audit,
      PublicationProperties config,
      ServerProperties server,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.access = access;
    this.cases = cases;
    this.attachments = attachments;
    this.records = records;
    this.check = check;
    this.builds = builds;
    this.patchFiles = patchFiles;
    this.catalog = catalog;
    this.cnaAdvisories = cnaAdvisories;
    this.cveServices = cveServices;
    this.pool = pool;
    this.mail = mail;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    String base = server.site().baseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * What a run of the steps came to.
   *
   * @param runId the run
   * @param finished every step is done
   * @param failed the step that failed (with its error), or null
   * @param busy another member or server is running this publication right now
   */
  public record Outcome(long runId, boolean finished, StepRow failed, boolean busy) {
    /** A sentence for the page. */
    public String message() {
      if (busy) {
        return "This publication is being run right now (by another member or server); reload the"
            + " page in a moment.";
      }
      if (finished) {
        return "Every step is done.";
      }
      if (failed != null) {
        return "The step \""
            + failed.step().text()
            + "\""
            + (failed.cveId() == null ? "" : " of " + failed.cveId())
            + " failed: "
            + failed.lastError()
            + " The steps before it stay done; retry when the cause is fixed.";
      }
      return "The run stopped before its end; retry it.";
    }
  }

  // ---- starting, resuming
  // ------------------------------------------------------------------------

  /**
   * Publishes the case: starts its publication (CNA members; the case READY_TO_PUBLISH; every CVE
   * ID it holds with a valid record) or, when a run of it is unfinished, resumes that run at its
   * first step not done.
   */
  public Outcome publish(String reference, Member member) {
    long runId = tx.execute(s -> startPublish(reference, member));
    return runSteps(runId, member);
  }

  /**
   * Resumes the case's unfinished run (a publication or an update) at its first step not done.
   *
   * @throws PublicationRefused (409) when no run is unfinished
   */
  public Outcome retry(String reference, Member member) {
    long runId =
        tx.execute(
            s -> {
              CaseRecord c = forCna(reference, member, "publish cases");
              Run open =
                  store
                      .openRun(c.id())
                      .orElseThrow(
                          () ->
                              PublicationRefused.conflict(
                                  "There is nothing to retry: no publication or update of "
                                      + c.reference()
                                      + " is unfinished."));
              audit.append(actor(member), "publication.retry", c.id(), "run " + open.id());
              return open.id();
            });
    return runSteps(runId, member);
  }

  /**
   * Starts a §9 update of the case's published records (PUBLISHED → UPDATED): the records changed
   * since they were last published (a new saved version, or another fix patch) are re-validated,
   * their advisories updated in the database and the feeds, their CVE records replaced at CVE
   * Services ({@code PUT}), an update announcement sent to the list; then the case is PUBLISHED
   * again. An unfinished update is resumed instead.
   *
   * @param note what changed, for the update announcement
   */
  public Outcome update(String reference, String note, Member member) {
    long runId = tx.execute(s -> startUpdate(reference, note, member));
    return runSteps(runId, member);
  }

  private long startPublish(String reference, Member member) {
    CaseRecord c = store.lockCase(forCna(reference, member, "publish cases").id());
    Optional<Run> open = store.openRun(c.id());
    if (open.isPresent()) {
      audit.append(actor(member), "publication.retry", c.id(), "run " + open.get().id());
      return open.get().id();
    }
    if (c.state() != CaseState.READY_TO_PUBLISH) {
      throw PublicationRefused.conflict(
          "Only a case in READY_TO_PUBLISH is published; "
              + c.reference()
              + " is "
              + c.state().name()
              + ".");
    }
    List<String> cves = store.publishableCves(c.id());
    if (cves.isEmpty()) {
      throw PublicationRefused.conflict(
          "The case holds no CVE ID to publish: assign one from the CVE pool first.");
    }
    List<RecordStore.Current> frozen = validRecords(c, cves);
    OffsetDateTime at = now();
    long runId = store.insertRun(c.id(), RunKind.PUBLISH, null, member.id(), at);
    frozen.forEach(r -> store.insertRecord(runId, r.cve(), r.recordId(), r.version()));
    int seq = 0;
    for (Step step :
        List.of(
            Step.PATCH,
            Step.ADVISORY,
            Step.CVE_SERVICES,
            Step.ANNOUNCEMENT,
            Step.FORWARD_MAINTAINERS,
            Step.FORWARD_REPORTER)) {
      for (String cve : cves) {
        store.insertStep(runId, ++seq, c.id(), cve, step);
      }
    }
    store.insertStep(runId, ++seq, c.id(), null, Step.STATE);
    audit.append(
        actor(member),
        "publication.start",
        c.id(),
        "run " + runId + ": publish " + String.join(", ", cves));
    return runId;
  }

  private long startUpdate(String reference, String note, Member member) {
    CaseRecord c = store.lockCase(forCna(reference, member, "update published records").id());
    Optional<Run> open = store.openRun(c.id());
    if (open.isPresent()) {
      if (open.get().kind() != RunKind.UPDATE) {
        throw PublicationRefused.conflict(
            "The publication of " + c.reference() + " is not finished: retry it first.");
      }
      audit.append(actor(member), "publication.retry", c.id(), "run " + open.get().id());
      return open.get().id();
    }
    if (c.state() != CaseState.PUBLISHED) {
      throw PublicationRefused.conflict(
          "Only the records of a PUBLISHED case are updated; "
              + c.reference()
              + " is "
              + c.state().name()
              + (c.state() == CaseState.DISPUTED ? ": decide the dispute first." : "."));
    }
    String why = note == null ? "" : note.strip();
    if (why.isEmpty() || why.length() > MAX_NOTE) {
      throw PublicationRefused.invalid(
          "Say what changed (1 to " + MAX_NOTE + " characters): it opens the update announcement.");
    }
    List<String> changed = new ArrayList<>();
    for (String cve : store.publishableCves(c.id())) {
      Optional<RecordStore.Current> current = records.current(c.id(), cve);
      Optional<Integer> published = store.lastPublishedVersion(c.id(), cve);
      boolean recordChanged =
          current.isPresent()
              && (published.isEmpty() || published.get() != current.get().version());
      if (recordChanged || patchChanged(c.id(), cve)) {
        changed.add(cve);
      }
    }
    if (changed.isEmpty()) {
      throw PublicationRefused.conflict(
          "Nothing changed since the last publication: save a new version of a record in the"
              + " record editor (or mark another fix patch) first.");
    }
    List<RecordStore.Current> frozen = validRecords(c, changed);
    OffsetDateTime at = now();
    long runId = store.insertRun(c.id(), RunKind.UPDATE, why, member.id(), at);
    frozen.forEach(r -> store.insertRecord(runId, r.cve(), r.recordId(), r.version()));
    cases.transition(
        c.reference(), CaseState.UPDATED, TransitionReason.note("update: " + why), viewer(member));
    int seq = 0;
    for (Step step : List.of(Step.PATCH, Step.ADVISORY, Step.CVE_SERVICES, Step.ANNOUNCEMENT)) {
      for (String cve : changed) {
        store.insertStep(runId, ++seq, c.id(), cve, step);
      }
    }
    store.insertStep(runId, ++seq, c.id(), null, Step.STATE);
    audit.append(
        actor(member),
        "publication.update",
        c.id(),
        "run " + runId + ": update " + String.join(", ", changed));
    return runId;
  }

  private boolean patchChanged(long caseId, String cve) {
    Optional<FixPatch> marked = store.fixPatch(caseId, cve);
    if (marked.isEmpty()) {
      return false;
    }
    Optional<PublishedPatch> latest = store.latestPatch(cve);
    return latest.isEmpty()
        || !latest.get().sha256().equals(marked.get().sha256())
        || !latest.get().version().equals(marked.get().version());
  }

  /** The current record of each CVE, each checked now (not strict) and valid, or a refusal. */
  private List<RecordStore.Current> validRecords(CaseRecord c, List<String> cves) {
    List<RecordStore.Current> out = new ArrayList<>();
    for (String cve : cves) {
      RecordStore.Current current =
          records
              .current(c.id(), cve)
              .orElseThrow(
                  () ->
                      PublicationRefused.conflict(
                          cve + " has no CVE record yet: write it in the record editor first."));
      CheckResult result = check.check(current.yaml(), false, cve);
      if (!result.valid()) {
        throw PublicationRefused.conflict(
            "The record of "
                + cve
                + " (version "
                + current.version()
                + ") is not valid: "
                + result.summary()
                + result.errors().stream()
                    .findFirst()
                    .map(
                        f ->
                            " First: line "
                                + f.line()
                                + ", "
                                + f.message()
                                + (f.message().endsWith(".") ? "" : "."))
                    .orElse("")
                + " Correct it in the record editor.");
      }
      out.add(current);
    }
    return out;
  }

  // ---- running the steps ----------------------------------------------------------------------

  /** Runs the run's steps from the first not done, each in its own transaction, until one fails. */
  Outcome runSteps(long runId, Member member) {
    Run run = store.run(runId).orElseThrow();
    if (run.finished()) {
      return new Outcome(runId, true, null, false);
    }
    OffsetDateTime now = now();
    Boolean claimed = tx.execute(s -> store.claim(runId, now, now.minus(CLAIM_TTL)));
    if (!Boolean.TRUE.equals(claimed)) {
      return new Outcome(runId, false, null, true);
    }
    try {
      for (StepRow s : store.steps(runId)) {
        if (s.done()) {
          continue;
        }
        if (!attempt(run, s, member)) {
          StepRow failed =
              store.steps(runId).stream().filter(x -> x.seq() == s.seq()).findFirst().orElse(s);
          return new Outcome(runId, false, failed, false);
        }
      }
      return new Outcome(runId, store.run(runId).map(Run::finished).orElse(false), null, false);
    } finally {
      tx.executeWithoutResult(s -> store.release(runId));
    }
  }

  /** One step in its own transaction; on failure the error is recorded. True when it is done. */
  private boolean attempt(Run run, StepRow s, Member member) {
    try {
      tx.executeWithoutResult(
          status -> {
            StepRow fresh = store.lockStep(run.id(), s.seq());
            if (fresh.done()) {
              return;
            }
            String detail = perform(run, fresh, member);
            store.markDone(run.id(), s.seq(), detail, now());
            audit.append(actor(member), "publication.step", run.caseId(), describe(run, fresh));
          });
      return true;
    } catch (RuntimeException e) {
      String error = errorText(e);
      if (e instanceof DataAccessException || !(isExpected(e))) {
        LOG.warn("publication run {} step {} failed", run.id(), s.step(), e);
      } else {
        LOG.info("publication run {} step {} failed: {}", run.id(), s.step(), error);
      }
      tx.executeWithoutResult(
          status -> {
            if (store.markFailed(run.id(), s.seq(), error, now())) {
              audit.append(
                  actor(member),
                  "publication.step.failed",
                  run.caseId(),
                  describe(run, s) + " failed");
            }
          });
      return false;
    }
  }

  private static boolean isExpected(RuntimeException e) {
    return e instanceof IllegalStateException
        || e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException
        || e instanceof PublicationRefused
        || e instanceof org.cpansec.server.cveservices.CveServicesException
        || e instanceof org.cpansec.server.cases.CaseRefusedException
        || e instanceof org.cpansec.server.cveid.PoolRefusal
        || e instanceof org.cpansec.server.mail.MailTemplateException;
  }

  /** The error as the step table shows it: what went wrong, never a stack trace or SQL. */
  static String errorText(RuntimeException e) {
    if (e instanceof DataAccessException) {
      return "A database error stopped the step (the server log has the details); retry it.";
    }
    if (e instanceof CaseNotFoundException) {
      return "The case can no longer be read by the member running the step.";
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName() + " (the server log has the details)";
    }
    return m.endsWith(".") ? m : m + ".";
  }

  private static String describe(Run run, StepRow s) {
    return "run "
        + run.id()
        + " "
        + run.kind().name().toLowerCase(Locale.ROOT)
        + " step "
        + s.seq()
        + " "
        + s.step().name()
        + (s.cveId() == null ? "" : " " + s.cveId());
  }

  private String perform(Run run, StepRow s, Member member) {
    return switch (s.step()) {
      case PATCH -> publishPatch(run, s.cveId(), member);
      case ADVISORY -> publishAdvisory(run, s.cveId());
      case CVE_SERVICES -> submitToCveServices(run, s.cveId(), member);
      case ANNOUNCEMENT -> announce(run, s.cveId());
      case FORWARD_MAINTAINERS -> forwardToMaintainers(run, s.cveId());
      case FORWARD_REPORTER -> forwardToReporter(run, s.cveId());
      case STATE -> finish(run, member);
    };
  }

  // ---- the steps ------------------------------------------------------------------------------

  private String publishPatch(Run run, String cve, Member member) {
    CaseRecord c = store.caseById(run.caseId()).orElseThrow(CaseNotFoundException::new);
    Optional<FixPatch> marked = store.fixPatch(c.id(), cve);
    if (marked.isEmpty()) {
      return "No fix patch is marked for " + cve + "; nothing to publish.";
    }
    FixPatch fp = marked.get();
    String distribution = distributionOf(run, cve);
    byte[] bytes;
    try {
      bytes =
          Files.readAllBytes(
              attachments.download(c.reference(), fp.attachmentId(), viewer(member)).path());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fix patch file " + fp.fileName(), e);
    }
    PatchFiles.contentProblem(bytes)
        .ifPresent(
            p -> {
              throw new IllegalStateException(
                  "The fix patch " + fp.fileName() + " cannot be published: " + p);
            });
    String sha = sha256(bytes);
    Optional<PublishedPatch> latest = store.latestPatch(cve);
    if (latest.isPresent()
        && latest.get().sha256().equals(sha)
        && latest.get().version().equals(fp.version())
        && latest.get().distribution().equals(distribution)) {
      return "The fix patch is already published at /" + PatchFiles.PREFIX + latest.get().path();
    }
    int revision = store.nextRevision(distribution, fp.version(), cve);
    String path = PatchFiles.path(distribution, fp.version(), cve, revision);
    patchFiles.write(path, bytes);
    store.insertPatch(
        c.id(),
        cve,
        distribution,
        fp.version(),
        revision,
        path,
        sha,
        bytes.length,
        member.id(),
        now());
    return "Published " + fp.fileName() + " at /" + PatchFiles.PREFIX + path;
  }

  private String publishAdvisory(Run run, String cve) {
    PublishedRecords.Built b = built(run, cve);
    int revision = catalog.publish(cve, run.caseId(), b.advisory(), clock.instant());
    return (revision == 1
            ? "The advisory " + cve + " is public"
            : "The advisory " + cve + " is updated (revision " + revision + ")")
        + " in the advisory database, the feeds and the OSV API.";
  }

  private String submitToCveServices(Run run, String cve, Member member) {
    CveIdState inPool =
        pool.find(cve)
            .orElseThrow(() -> new IllegalStateException(cve + " is not in the CVE ID pool"))
            .state();
    if (inPool != CveIdState.ASSIGNED
        && inPool != CveIdState.SHARED
        && inPool != CveIdState.PUBLISHED) {
      throw new IllegalStateException(
          cve + " is " + inPool.name() + " in the CVE ID pool: it cannot be published");
    }
    PublishedRecords.Built b = built(run, cve);
    CveIdInfo info = cveServices.get(cve);
    String how;
    switch (info.state()) {
      case "RESERVED" -> {
        cveServices.publish(cve, b.cnaContainer());
        how = "POST /cve/" + cve + "/cna (new record)";
      }
      case "PUBLISHED" -> {
        cveServices.update(cve, b.cnaContainer());
        how = "PUT /cve/" + cve + "/cna (record replaced)";
      }
      default ->
          throw new IllegalStateException(
              "CVE Services has "
                  + cve
                  + " as "
                  + info.state()
                  + "; only a reserved or published ID takes a record");
    }
    store.saveCveJson(run.id(), cve, CanonicalJson.write(b.cveRecord()));
    pool.markPublished(cve, member);
    return "CVE Services accepted " + how + "; the pool has " + cve + " as PUBLISHED.";
  }

  private String announce(Run run, String cve) {
    PublishedRecords.Built b = built(run, cve);
    String body = PublishedRecords.mailBody(b.announcement());
    String title = b.title();
    String key = "case:" + run.caseId() + ":PUBLICATION_ANNOUNCEMENT:" + cve;
    if (run.kind() == RunKind.UPDATE) {
      OffsetDateTime first =
          cnaAdvisories
              .find(cve)
              .map(CnaAdvisories.Stored::firstPublishedAt)
              .orElse(run.startedAt());
      body =
          "This is an update of "
              + cve
              + ", first published on "
              + first.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()
              + ".\n\nWhat changed: "
              + run.note()
              + "\n\n"
              + body;
      title = "UPDATED: " + title;
      key = key + ":update-" + run.id();
    }
    MailService.Queued q =
        mail.send(
            MailPurpose.PUBLICATION_ANNOUNCEMENT,
            run.caseId(),
            Recipients.to(config.announceAddress()),
            Map.of("cve", cve, "title", title, "announcement", body),
            key);
    refusedCheck(q, "the announcement to " + config.announceAddress());
    return "The announcement to "
        + config.announceAddress()
        + " is in the outbox (mail "
        + q.id()
        + (q.created() ? "" : ", recorded by an earlier attempt")
        + ").";
  }

  private String forwardToMaintainers(Run run, String cve) {
    List<Addressee> maintainers = store.maintainers(run.caseId());
    if (maintainers.isEmpty()) {
      return "No maintainer link with an address on the case: nothing to forward.";
    }
    PublishedRecords.Built b = built(run, cve);
    List<String> refused = new ArrayList<>();
    for (Addressee m : maintainers) {
      MailService.Queued q =
          forward(MailPurpose.FORWARD_TO_MAINTAINER, run, cve, b, m, "maintainer");
      if ("REFUSED".equals(q.status())) {
        refused.add(m.email() + " (" + q.refusal() + ")");
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalStateException("Forwards refused: " + String.join("; ", refused));
    }
    return "Forwarded to "
        + maintainers.stream().map(Addressee::email).collect(Collectors.joining(", "))
        + " (To, one mail each).";
  }

  private String forwardToReporter(Run run, String cve) {
    CaseRecord c = store.caseById(run.caseId()).orElseThrow(CaseNotFoundException::new);
    Optional<Addressee> reporter = store.reporter(c);
    if (reporter.isEmpty()) {
      return "The reporter gave no address (or the case has no reporter): nothing to forward.";
    }
    MailService.Queued q =
        forward(
            MailPurpose.FORWARD_TO_REPORTER, run, cve, built(run, cve), reporter.get(), "reporter");
    refusedCheck(q, "the forward to the reporter");
    return "Forwarded to the reporter, " + reporter.get().email() + ".";
  }

  private MailService.Queued forward(
      MailPurpose purpose,
      Run run,
      String cve,
      PublishedRecords.Built b,
      Addressee to,
      String fallbackName) {
    String address = Recipients.normalize(to.email(), "To");
    String name = to.name() == null || to.name().isBlank() ? fallbackName : to.name().strip();
    return mail.send(
        purpose,
        run.caseId(),
        Recipients.to(address),
        Map.of(
            "cve", cve,
            "distribution", b.record().distribution().value(),
            "title", b.title(),
            "recipient_name", name,
            "announcement", PublishedRecords.mailBody(b.announcement())),
        "case:" + run.caseId() + ":" + purpose.name() + ":" + cve + ":" + address);
  }

  private static void refusedCheck(MailService.Queued q, String what) {
    if ("REFUSED".equals(q.status())) {
      throw new IllegalStateException(
          "The outbox refused " + what + ": " + q.refusal() + "; retry once that is fixed");
    }
  }

  private String finish(Run run, Member member) {
    CaseRecord c = store.lockCase(run.caseId());
    CaseState from = run.kind() == RunKind.PUBLISH ? CaseState.READY_TO_PUBLISH : CaseState.UPDATED;
    String detail;
    if (c.state() == CaseState.PUBLISHED) {
      detail = "The case was PUBLISHED already.";
    } else if (c.state() == from) {
      cases.transition(
          c.reference(),
          CaseState.PUBLISHED,
          TransitionReason.note(
              run.kind() == RunKind.PUBLISH
                  ? "published (run " + run.id() + ")"
                  : "update published (run " + run.id() + ")"),
          viewer(member));
      detail = c.state().name() + " → PUBLISHED.";
    } else {
      throw new IllegalStateException(
          "The case is "
              + c.state().name()
              + ", not "
              + from.name()
              + ": move it back to "
              + from.name()
              + " before this last step");
    }
    store.finishRun(run.id(), now());
    audit.append(
        actor(member),
        "publication.finish",
        run.caseId(),
        "run " + run.id() + " " + run.kind().name().toLowerCase(Locale.ROOT) + " finished");
    return detail;
  }

  // ---- what the steps share -------------------------------------------------------------------

  private PublishedRecords.Built built(Run run, String cve) {
    RunRecord rr =
        store
            .record(run.id(), cve)
            .orElseThrow(() -> new IllegalStateException("the run has no record of " + cve));
    String yaml =
        records
            .version(rr.recordId(), rr.recordVersion())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "version " + rr.recordVersion() + " of the record of " + cve + " is gone"))
            .yaml();
    String patchUrl =
        store.latestPatch(cve).map(p -> baseUrl + "/" + PatchFiles.PREFIX + p.path()).orElse(null);
    Instant now = clock.instant();
    Instant published =
        cnaAdvisories.find(cve).map(s -> s.firstPublishedAt().toInstant()).orElse(now);
    return builds.build(cve, yaml, patchUrl, published, now);
  }

  private String distributionOf(Run run, String cve) {
    RunRecord rr = store.record(run.id(), cve).orElseThrow();
    String yaml = records.version(rr.recordId(), rr.recordVersion()).orElseThrow().yaml();
    try {
      return CnaRecordReader.read(cve + ".yaml", yaml).record().distribution().value();
    } catch (InvalidRecordException e) {
      throw new IllegalStateException("the record of " + cve + " does not read any more");
    }
  }

  // ---- the fix patch ---------------------------------------------------------------------------

  /**
   * Marks a file of the case as the fix patch of one of its CVE records (replacing an earlier
   * mark), to be published with the record at {@code patches/<I>/<Dist>/<version>/...}.
   */
  public void markFixPatch(
      String reference, String cve, Long attachmentId, String version, Member member) {
    tx.executeWithoutResult(
        s -> {
          CaseRecord c = store.lockCase(forCna(reference, member, "mark fix patches").id());
          if (c.state() == CaseState.CLOSED) {
            throw PublicationRefused.conflict("The case is closed.");
          }
          String id = chosenCve(c, cve);
          if (attachmentId == null) {
            throw PublicationRefused.invalid("Choose the file that is the fix patch.");
          }
          PublicationStore.Attachment a =
              store
                  .attachment(c.id(), attachmentId)
                  .orElseThrow(() -> PublicationRefused.invalid("Choose one of the case's files."));
          String v = version == null ? null : version.strip();
          PatchFiles.versionProblem(v)
              .ifPresent(
                  p -> {
                    throw PublicationRefused.invalid(p);
                  });
          byte[] bytes;
          try {
            bytes =
                Files.readAllBytes(
                    attachments.download(c.reference(), a.id(), viewer(member)).path());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file " + a.fileName(), e);
          }
          PatchFiles.contentProblem(bytes)
              .ifPresent(
                  p -> {
                    throw PublicationRefused.invalid(
                        "The file " + a.fileName() + " cannot be the fix patch: " + p);
                  });
          store.markFixPatch(c.id(), id, a.id(), v, member.id(), now());
          audit.append(
              actor(member),
              "publication.fix-patch",
              c.id(),
              id + ": attachment " + a.id() + " for version " + v);
        });
  }

  /** Removes the fix-patch mark of a CVE record (published patches stay published). */
  public void clearFixPatch(String reference, String cve, Member member) {
    tx.executeWithoutResult(
        s -> {
          CaseRecord c = store.lockCase(forCna(reference, member, "mark fix patches").id());
          String id = chosenCve(c, cve);
          if (!store.clearFixPatch(c.id(), id)) {
            throw PublicationRefused.conflict(id + " has no fix patch marked.");
          }
          audit.append(actor(member), "publication.fix-patch", c.id(), id + ": mark removed");
        });
  }

  /** The CVE ID chosen on a form: one of the case's; may be left out when it holds one. */
  String chosenCve(CaseRecord c, String cve) {
    List<String> cves = store.publishableCves(c.id());
    if ((cve == null || cve.isBlank()) && cves.size() == 1) {
      return cves.get(0);
    }
    if (cve == null || !cves.contains(cve.strip())) {
      throw PublicationRefused.invalid(
          cves.isEmpty()
              ? "The case holds no CVE ID: assign one from the CVE pool first."
              : "Choose one of the case's CVE IDs: " + String.join(", ", cves) + ".");
    }
    return cve.strip();
  }

  // ---- the page ---------------------------------------------------------------------------------

  /** A CVE record of the case as the publication page shows it. */
  public record RecordStatus(
      String cve,
      Integer currentVersion,
      Boolean valid,
      Integer publishedVersion,
      FixPatch fixPatch,
      PublishedPatch latestPatch) {
    public boolean changedSincePublished() {
      return publishedVersion != null
          && currentVersion != null
          && !publishedVersion.equals(currentVersion);
    }
  }

  /** A run with its steps. */
  public record RunView(Run run, List<StepRow> steps, List<PublicationStore.RunRecord> records) {
    public boolean hasFailure() {
      return steps.stream().anyMatch(StepRow::failed);
    }
  }

  /** Everything the publication page shows. */
  public record View(
      CaseRecord kase,
      boolean mayChange,
      List<RecordStatus> records,
      List<RunView> runs,
      RunView openRun,
      List<PublicationStore.Attachment> attachments,
      List<PublishedPatch> patches,
      String announceAddress,
      String baseUrl) {
    public boolean mayPublish() {
      return mayChange && openRun == null && kase.state() == CaseState.READY_TO_PUBLISH;
    }

    public boolean mayRetry() {
      return mayChange && openRun != null;
    }

    public boolean mayUpdate() {
      return mayChange && openRun == null && kase.state() == CaseState.PUBLISHED;
    }

    public boolean mayDispute() {
      return mayChange
          && (kase.state() == CaseState.PUBLISHED || kase.state() == CaseState.DISPUTED);
    }
  }

  /** The publication page of a case, for a member who sees it; audited. */
  public View view(String reference, Member member) {
    return tx.execute(
        s -> {
          CaseRecord c = visible(reference, member);
          List<RecordStatus> statuses = new ArrayList<>();
          for (String cve : store.publishableCves(c.id())) {
            Optional<RecordStore.Current> cur = records.current(c.id(), cve);
            statuses.add(
                new RecordStatus(
                    cve,
                    cur.map(RecordStore.Current::version).orElse(null),
                    cur.map(RecordStore.Current::valid).orElse(null),
                    store.lastPublishedVersion(c.id(), cve).orElse(null),
                    store.fixPatch(c.id(), cve).orElse(null),
                    store.latestPatch(cve).orElse(null)));
          }
          List<RunView> runs =
              store.runs(c.id()).stream()
                  .map(r -> new RunView(r, store.steps(r.id()), store.records(r.id())))
                  .toList();
          RunView open = runs.stream().filter(r -> !r.run().finished()).findFirst().orElse(null);
          audit.append(actor(member), "publication.view", c.id(), c.reference());
          return new View(
              c,
              CaseAccess.isCnaMember(member),
              statuses,
              runs,
              open,
              store.attachments(c.id()),
              store.patches(c.id()),
              config.announceAddress(),
              baseUrl);
        });
  }

  // ---- access
  // ------------------------------------------------------------------------------------

  /** The case, when the member may see it (ADR 0008); else "not found", like a missing case. */
  CaseRecord visible(String reference, Member member) {
    if (member == null || reference == null || reference.length() > 30) {
      throw new CaseNotFoundException();
    }
    return store
        .caseByReference(reference)
        .filter(c -> access.maySee(viewer(member), c))
        .orElseThrow(CaseNotFoundException::new);
  }

  /** Like {@link #visible}, and the member must be a CNA member to {@code doWhat}. */
  CaseRecord forCna(String reference, Member member, String doWhat) {
    CaseRecord c = visible(reference, member);
    if (!CaseAccess.isCnaMember(member)) {
      throw PublicationRefused.notAllowed("Only CNA members " + doWhat + ".");
    }
    return c;
  }

  static Viewer viewer(Member member) {
    return Viewer.of(member);
  }

  static String actor(Member member) {
    return AuditLog.member(member.id());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
