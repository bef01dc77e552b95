package org.cpansec.server.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pre-release disclosure agreement members sign (CPANSEC-PROCESS.md §5), {@code
 * cpansec.workspace.*}. Changing the version makes every member sign again before they see a case.
 *
 * @param agreementVersion the current version of the agreement
 * @param agreementPage the {@code /docs/} page holding its text (DocumentPages)
 */
@Validated
@ConfigurationProperties("cpansec.workspace")
public record WorkspaceProperties(
    @DefaultValue("1.1") @NotBlank @Pattern(regexp = "[0-9A-Za-z.-]{1,20}") String agreementVersion,
    @DefaultValue("pre-release-disclosure-agreement") @NotBlank String agreementPage) {}
