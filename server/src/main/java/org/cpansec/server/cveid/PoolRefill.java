package org.cpansec.server.cveid;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.cpansec.server.account.Member;
import org.cpansec.server.cveid.PoolRefusal.Kind;
import org.cpansec.server.cveservices.BatchType;
import org.cpansec.server.cveservices.CveIdInfo;
import org.cpansec.server.cveservices.CveServicesClient;
import org.cpansec.server.cveservices.CveServicesException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The pool's side of CVE Services: reserve IDs there and import them ({@code source}
 * "cve-services"), import the IDs reserved there that the pool lacks, and reject there the IDs the
 * pool has rejected. The calls to CVE Services happen outside any database transaction.
 */
@Service
public class PoolRefill {
  /** The {@code source} of IDs that came from the API. */
  public static final String SOURCE = "cve-services";

  /** Most IDs one refill reserves. */
  public static final int MAX_AMOUNT = 100;

  /** The public reason given for an ID rejected at CVE Services: it says nothing about the case. */
  static final String REJECT_REASON =
      "This CVE ID has been rejected or withdrawn by its CVE Numbering Authority.";

  private static final Logger log = LoggerFactory.getLogger(PoolRefill.class);

  private final CveIdPool pool;
  private final CveServicesClient client;
  private final Clock clock;

  public PoolRefill(CveIdPool pool, CveServicesClient client, Clock clock) {
    this.pool = pool;
    this.client = client;
    this.clock = clock;
  }

  /** Is CVE Services configured? */
  public boolean enabled() {
    return client.enabled();
  }

  /** Why it is not, for the page. */
  public String disabledReason() {
    return client.disabledReason();
  }

  /** Reserves {@code amount} IDs of {@code year} at CVE Services and imports them. */
  public ImportResult refill(int year, int amount, Member actor) {
    CveIdPool.requireCna(actor, "reserve CVE IDs");
    requireEnabled();
    int current = LocalDate.now(clock).getYear();
    if (year < current - 1 || year > current + 1) {
      throw new PoolRefusal(
          Kind.INVALID,
          "Reserve IDs for "
              + (current - 1)
              + ", "
              + current
              + " or "
              + (current + 1)
              + ", not "
              + year
              + ".");
    }
    if (amount < 1 || amount > MAX_AMOUNT) {
      throw new PoolRefusal(
          Kind.INVALID,
          "Reserve between 1 and " + MAX_AMOUNT + " IDs at once, not " + amount + ".");
    }
    List<CveIdInfo> reserved;
    try {
      reserved = client.reserve(amount, year, BatchType.SEQUENTIAL);
    } catch (CveServicesException e) {
      throw new PoolRefusal(Kind.UNAVAILABLE, "Nothing was reserved. " + e.getMessage());
    }
    log.info("reserved {} CVE IDs of {} at CVE Services for the pool", reserved.size(), year);
    try {
      return pool.importEntries(entries(reserved), SOURCE, actor);
    } catch (RuntimeException e) {
      throw new PoolRefusal(
          Kind.UNAVAILABLE,
          "CVE Services reserved "
              + String.join(", ", reserved.stream().map(CveIdInfo::cveId).toList())
              + " but the pool could not store them ("
              + e.getMessage()
              + "). \"Fetch reserved IDs\" adds them later.");
    }
  }

  /**
   * Imports every ID CVE Services lists as RESERVED for the organisation that the pool does not
   * hold yet (the others are reported as already in the pool).
   */
  public ImportResult fetchReserved(Member actor) {
    CveIdPool.requireCna(actor, "import CVE IDs");
    requireEnabled();
    List<CveIdInfo> reserved;
    try {
      reserved = client.list("RESERVED");
    } catch (CveServicesException e) {
      throw new PoolRefusal(Kind.UNAVAILABLE, "Nothing was imported. " + e.getMessage());
    }
    List<CveIdInfo> usable =
        reserved.stream()
            .filter(i -> "RESERVED".equals(i.state()) || i.state() == null)
            .filter(i -> i.year() >= PoolImportParser.FIRST_YEAR && i.year() <= pool.latestYear())
            .toList();
    if (usable.isEmpty()) {
      return new ImportResult(List.of(), List.of(), List.of());
    }
    return pool.importEntries(entries(usable), SOURCE, actor);
  }

  /**
   * Rejects at CVE Services an ID the pool has rejected: a reserved ID gets a rejected record
   * ({@code POST /cve/{id}/reject}), a published record is turned into a rejected one ({@code PUT
   * /cve/{id}/reject}); an ID already rejected there is only marked.
   */
  public void rejectAtCveServices(String cveId, Member actor) {
    CveIdPool.requireCna(actor, "reject CVE IDs");
    requireEnabled();
    CveIdPool.PoolEntry e =
        pool.find(cveId)
            .orElseThrow(() -> new PoolRefusal(Kind.NOT_FOUND, cveId + " is not in the pool."));
    if (!e.awaitsRejectionAtCveServices()) {
      throw new PoolRefusal(
          Kind.CONFLICT, cveId + " is not a rejected ID waiting to be rejected at CVE Services.");
    }
    try {
      String remote = client.get(cveId).state();
      if ("RESERVED".equals(remote)) {
        client.reject(cveId, REJECT_REASON);
      } else if ("PUBLISHED".equals(remote)) {
        client.rejectPublished(cveId, REJECT_REASON);
      } else if (!"REJECTED".equals(remote)) {
        throw new PoolRefusal(
            Kind.CONFLICT, "CVE Services says " + cveId + " is " + remote + "; nothing was done.");
      }
    } catch (CveServicesException ex) {
      throw new PoolRefusal(Kind.UNAVAILABLE, ex.getMessage());
    }
    pool.markRejectedAtCveServices(cveId, actor);
    log.info("{} rejected at CVE Services", cveId);
  }

  private void requireEnabled() {
    if (!client.enabled()) {
      throw new PoolRefusal(Kind.UNAVAILABLE, client.disabledReason() + ".");
    }
  }

  private static List<PoolImportParser.Entry> entries(List<CveIdInfo> ids) {
    return ids.stream()
        .map(
            i ->
                new PoolImportParser.Entry(
                    i.cveId(), Integer.parseInt(i.cveId().substring(4, 8)), i.reserved(), 0))
        .toList();
  }
}
