package org.cpansec.server.record;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cpansec.server.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saving a record: check it, keep the text and the findings as a new version, audit it. */
@Service
class RecordService {
  private final RecordCheck check;
  private final RecordStore store;
  private final AuditLog audit;
  private final Clock clock;

  RecordService(RecordCheck check, RecordStore store, AuditLog audit, Clock clock) {
    this.check = check;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** What a save did and what the check found in the saved text (not strict). */
  record Outcome(RecordStore.Saved saved, CheckResult result) {}

  /**
   * Saves {@code yaml} as the next version of the case's record for {@code cve}, valid or not: an
   * invalid record is kept as a draft, marked invalid, with its findings. Validity is judged
   * without strict mode (warnings never make a saved record invalid).
   */
  @Transactional
  public Outcome save(Editing viewer, String cve, String yaml, int base) {
    String text = RecordCheck.normalise(yaml);
    CheckResult result = check.check(text, false, cve);
    RecordStore.Saved saved =
        store.save(
            viewer.kase().id(),
            cve,
            text,
            result.valid(),
            result.all(),
            viewer.member().id(),
            base,
            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    if (saved.added()) {
      audit.append(
          viewer.viewer().actor(),
          "record.save",
          viewer.kase().id(),
          cve + " version " + saved.version() + (result.valid() ? " (valid)" : " (invalid draft)"));
    }
    return new Outcome(saved, result);
  }
}
