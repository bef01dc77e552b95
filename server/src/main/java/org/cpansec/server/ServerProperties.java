package org.cpansec.server;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator configures under {@code cpansec.*} (documented in docs/server.md). Bound
 * and validated at start-up: a bad value stops the server with the key's name, not later.
 */
@Validated
@ConfigurationProperties("cpansec")
public record ServerProperties(
    @Valid @NotNull @DefaultValue Advisories advisories,
    @Valid @NotNull @DefaultValue Api api,
    @Valid @NotNull @DefaultValue Site site,
    @Valid @NotNull SecurityTxt securityTxt,
    @Valid @NotNull @DefaultValue Docs docs,
    @Valid @NotNull @DefaultValue Intake intake,
    @Valid @NotNull @DefaultValue Mail mail) {

  /** Where advisory data comes from. */
  public record Advisories(@DefaultValue("true") boolean importBundled) {}

  /** Limits of the JSON API. */
  public record Api(
      @DefaultValue("65536") @Min(1024) @Max(16 * 1024 * 1024) int maxBodyBytes,
      @DefaultValue("1000") @Min(1) @Max(10000) int maxBatchQueries) {}

  /** The public address of the site, used in feeds and absolute links. */
  public record Site(@DefaultValue("http://localhost:8080") @NotNull URI baseUrl) {}

  /** RFC 9116 {@code /.well-known/security.txt}: the operator must keep the expiry current. */
  public record SecurityTxt(
      @NotBlank String contact,
      @NotNull OffsetDateTime expires,
      @DefaultValue("disclosure-policy") @NotBlank String policyPage) {}

  /**
   * Report intake: where account-compromise reports are forwarded, and how many submissions one
   * client address may make per window.
   */
  public record Intake(
      @DefaultValue("modules@perl.org") @NotBlank String pauseAdminAddress,
      @DefaultValue("5") @Min(1) int maxSubmissions,
      @DefaultValue("PT10M") @NotNull java.time.Duration window,
      @Valid @NotNull @DefaultValue Attachments attachments) {}

  /**
   * Files on the vulnerability and malware forms. The servlet's own multipart limits ({@code
   * spring.servlet.multipart.*}) must stay above these, so that our check, which keeps the typed
   * fields, is the one that answers.
   */
  public record Attachments(
      @DefaultValue("5MB") @NotNull DataSize maxFileSize,
      @DefaultValue("20MB") @NotNull DataSize maxTotalSize,
      @DefaultValue("5") @Min(0) @Max(20) int maxCount) {}

  /**
   * Outgoing mail (the SMTP server itself is Spring Boot's {@code spring.mail.*}; without {@code
   * spring.mail.host} mail is off and queued mail waits). A failed send is retried after {@code
   * retryFirst}, then twice as long each time, at most {@code retryMax}; the queue is checked every
   * {@code pollInterval}.
   */
  public record Mail(
      @DefaultValue("cpansec-noreply@localhost") @NotBlank @Email String from,
      @DefaultValue("cpan-security@security.metacpan.org") @NotBlank @Email String teamAddress,
      @DefaultValue("PT1M") @NotNull Duration retryFirst,
      @DefaultValue("PT6H") @NotNull Duration retryMax,
      @DefaultValue("PT1M") @NotNull Duration pollInterval) {}

  /** Markdown documents: a directory whose files replace the bundled pages of the same name. */
  public record Docs(Path directory) {}
}
