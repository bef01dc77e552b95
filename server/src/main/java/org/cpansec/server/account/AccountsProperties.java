package org.cpansec.server.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in and account settings, {@code cpansec.accounts.*} (docs/server.md, "Workspace accounts").
 *
 * @param lockoutThreshold consecutive failed passwords or codes that lock an account
 * @param lockoutDuration how long a locked account refuses every sign-in
 * @param sessionIdleTimeout a session unused this long ends (every session, stored in the database)
 * @param enrolmentValidity how long an enrolment link works
 * @param passwordMinLength the shortest password accepted at enrolment (12 or more)
 * @param codeStepTimeout how long after the password the TOTP code may be given
 */
@Validated
@ConfigurationProperties("cpansec.accounts")
public record AccountsProperties(
    @DefaultValue("5") @Min(1) @Max(100) int lockoutThreshold,
    @DefaultValue("PT15M") @NotNull Duration lockoutDuration,
    @DefaultValue("PT30M") @NotNull Duration sessionIdleTimeout,
    @DefaultValue("PT72H") @NotNull Duration enrolmentValidity,
    @DefaultValue("12") @Min(12) @Max(200) int passwordMinLength,
    @DefaultValue("PT5M") @NotNull Duration codeStepTimeout) {}
