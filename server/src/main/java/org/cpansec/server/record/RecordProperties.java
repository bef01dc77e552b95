package org.cpansec.server.record;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The record editor's settings ({@code cpansec.record.*}, documented in docs/server.md).
 *
 * @param assignerOrgId the CNA's CVE Services organisation id, written into the CVE JSON preview
 *     (the default is the placeholder of the group's tool and its published test vectors)
 * @param generator the {@code x_generator.engine} of the CVE JSON preview
 * @param maxChars the longest record text accepted by the check and by a save
 */
@Validated
@ConfigurationProperties("cpansec.record")
public record RecordProperties(
    @DefaultValue("00000000-0000-4000-9000-000000000000") @NotNull UUID assignerOrgId,
    @DefaultValue("cpansec") @NotBlank String generator,
    @DefaultValue("100000") @Min(1000) @Max(1000000) int maxChars) {}
