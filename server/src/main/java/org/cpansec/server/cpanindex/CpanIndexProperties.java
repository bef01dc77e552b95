package org.cpansec.server.cpanindex;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cpansec.cpan-index.*}: how much of an import's problem list is kept, and how many
 * dependents a blast-radius summary lists.
 *
 * @param maxProblemsKept problems (rejected lines and warnings) stored and shown per import; the
 *     counts are always exact
 * @param summaryListed dependents listed by name in {@link BlastRadius.Result#summary()}
 */
@Validated
@ConfigurationProperties("cpansec.cpan-index")
public record CpanIndexProperties(
    @DefaultValue("200") @Min(0) @Max(1000) int maxProblemsKept,
    @DefaultValue("100") @Min(1) @Max(100000) int summaryListed) {}
