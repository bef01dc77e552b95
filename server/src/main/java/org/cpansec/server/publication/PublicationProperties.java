package org.cpansec.server.publication;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publication settings ({@code cpansec.publication.*}, documented in docs/server.md).
 *
 * @param announceAddress where the announcement of each published or updated record goes (the
 *     cve-announce list)
 * @param patchDir where published patch files are written, and served from under {@code /patches/}
 *     (several replicas need one shared directory)
 * @param disputeDecisionDays the acknowledgement of a dispute promises a decision this many days
 *     after it is acknowledged
 * @param catalogRefresh with several replicas on one database: how often a server checks whether
 *     another replica published or updated an advisory, and reloads its copy of the advisory
 *     database if so (not set: never; a single server reloads its own copy at once)
 */
@Validated
@ConfigurationProperties("cpansec.publication")
public record PublicationProperties(
    @DefaultValue("cve-announce@perl.org") @NotBlank @Email String announceAddress,
    @DefaultValue("./data/patches") @NotNull Path patchDir,
    @DefaultValue("30") @Min(1) @Max(365) int disputeDecisionDays,
    Duration catalogRefresh) {

  /** Validation: a refresh interval, when set, is at least a second. */
  @AssertTrue(message = "cpansec.publication.catalog-refresh must be at least PT1S when set")
  public boolean isCatalogRefreshValid() {
    return catalogRefresh == null || catalogRefresh.compareTo(Duration.ofSeconds(1)) >= 0;
  }
}
