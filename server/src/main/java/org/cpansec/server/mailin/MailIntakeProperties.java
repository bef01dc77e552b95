package org.cpansec.server.mailin;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The team mailbox polled by mail intake ({@code cpansec.mail-intake.*}, documented in
 * docs/server.md, "Mail intake"). Off unless {@code enabled}; when enabled, the host, username and
 * password must be set, or the server does not start. The password never appears in {@link
 * #toString()} or the log.
 *
 * @param enabled poll the mailbox at all
 * @param host the IMAP server
 * @param port its port; 0 means the protocol's default (143 for imap, 993 for imaps)
 * @param protocol {@code imaps} (TLS from the first byte) or {@code imap} (plain, or STARTTLS
 *     through {@code properties})
 * @param username the mailbox's login
 * @param password its password
 * @param folder the folder to read new mail from
 * @param pollInterval the pause between the end of one poll and the start of the next
 * @param processedFolder when set, a message is moved there once it is stored (created if missing)
 * @param maxMessagesPerPoll most messages taken in one poll (the rest wait for the next)
 * @param maxMessageSize a larger message is quarantined, not taken in
 * @param maxTextLength a message whose text is longer is quarantined
 * @param timeout connect, read and write timeout of the IMAP connection
 * @param properties further Jakarta Mail session properties (e.g. {@code
 *     mail.imap.starttls.required})
 */
@Validated
@ConfigurationProperties("cpansec.mail-intake")
public record MailIntakeProperties(
    @DefaultValue("false") boolean enabled,
    String host,
    @DefaultValue("0") @Min(0) @Max(65535) int port,
    @DefaultValue("imaps") @NotNull Protocol protocol,
    String username,
    String password,
    @DefaultValue("INBOX") @NotBlank String folder,
    @DefaultValue("PT5M") @NotNull Duration pollInterval,
    String processedFolder,
    @DefaultValue("50") @Min(1) @Max(1000) int maxMessagesPerPoll,
    @DefaultValue("50MB") @NotNull DataSize maxMessageSize,
    @DefaultValue("100000") @Min(1000) int maxTextLength,
    @DefaultValue("PT30S") @NotNull Duration timeout,
    @DefaultValue Map<String, String> properties) {

  /** How the poller talks to the IMAP server. */
  public enum Protocol {
    IMAP(143),
    IMAPS(993);

    private final int defaultPort;

    Protocol(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    /** The Jakarta Mail store name: {@code imap} or {@code imaps}. */
    public String storeName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public MailIntakeProperties {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    processedFolder =
        processedFolder == null || processedFolder.isBlank() ? null : processedFolder.strip();
  }

  /** Enabled intake needs somewhere to connect to and a login. */
  @AssertTrue(
      message =
          "cpansec.mail-intake.enabled=true needs cpansec.mail-intake.host, .username and"
              + " .password")
  public boolean isComplete() {
    return !enabled || (present(host) && present(username) && password != null);
  }

  /** The port to connect to. */
  public int effectivePort() {
    return port == 0 ? protocol.defaultPort : port;
  }

  /** Where the poller reads, for the log and the admin page: never the password. */
  public String describe() {
    return protocol.storeName()
        + "://"
        + username
        + "@"
        + host
        + ":"
        + effectivePort()
        + "/"
        + folder;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  @Override
  public String toString() {
    return "MailIntakeProperties[enabled="
        + enabled
        + ", "
        + (enabled ? describe() : "off")
        + ", password=[redacted]]";
  }
}
