package org.cpansec.server.mailin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The configuration's own rules: enabled needs a server and a login; the password stays out. */
class MailIntakePropertiesTest {
  private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  private static MailIntakeProperties props(
      boolean enabled, String host, String user, String password, int port) {
    return new MailIntakeProperties(
        enabled,
        host,
        port,
        MailIntakeProperties.Protocol.IMAPS,
        user,
        password,
        "INBOX",
        Duration.ofMinutes(5),
        " ",
        50,
        DataSize.ofMegabytes(50),
        100000,
        Duration.ofSeconds(30),
        Map.of("mail.imaps.ssl.trust", "imap.example"));
  }

  @EnableConfigurationProperties(MailIntakeProperties.class)
  static class Bound {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Bound.class);

  @Test
  void boundFromSpringPropertiesWithDefaults() {
    context.run(
        c -> {
          MailIntakeProperties p = c.getBean(MailIntakeProperties.class);
          assertThat(p.enabled()).isFalse();
          assertThat(p.protocol()).isEqualTo(MailIntakeProperties.Protocol.IMAPS);
          assertThat(p.folder()).isEqualTo("INBOX");
          assertThat(p.pollInterval()).isEqualTo(Duration.ofMinutes(5));
          assertThat(p.maxMessageSize()).isEqualTo(DataSize.ofMegabytes(50));
          assertThat(p.properties()).isEmpty();
        });
    context
        .withPropertyValues(
            "cpansec.mail-intake.enabled=true",
            "cpansec.mail-intake.host=imap.example",
            "cpansec.mail-intake.username=team",
            "cpansec.mail-intake.password=pw",
            "cpansec.mail-intake.protocol=imap",
            "cpansec.mail-intake.properties.mail.imap.starttls.required=true")
        .run(
            c -> {
              MailIntakeProperties p = c.getBean(MailIntakeProperties.class);
              assertThat(p.protocol()).isEqualTo(MailIntakeProperties.Protocol.IMAP);
              assertThat(p.effectivePort()).isEqualTo(143);
              assertThat(p.properties()).containsEntry("mail.imap.starttls.required", "true");
            });
  }

  @Test
  void enabledWithoutAServerStopsTheStartNamingTheKeys() {
    context
        .withPropertyValues("cpansec.mail-intake.enabled=true")
        .run(
            c ->
                assertThat(c)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("cpansec.mail-intake.host"));
  }

  @Test
  void offNeedsNothing() {
    assertThat(VALIDATOR.validate(props(false, null, null, null, 0))).isEmpty();
  }

  @Test
  void enabledNeedsHostUsernameAndPassword() {
    Set<ConstraintViolation<MailIntakeProperties>> v =
        VALIDATOR.validate(props(true, "imap.example", null, "pw", 0));
    assertThat(v)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getPropertyPath().toString()).isEqualTo("complete");
              assertThat(c.getMessage()).contains("cpansec.mail-intake.host", ".username");
            });
    assertThat(VALIDATOR.validate(props(true, "imap.example", "team", "pw", 0))).isEmpty();
    assertThat(VALIDATOR.validate(props(true, "imap.example", "team", "pw", 70000))).hasSize(1);
  }

  @Test
  void thePortDefaultsByProtocolAndThePasswordIsNeverShown() {
    MailIntakeProperties p = props(true, "imap.example", "team", "hunter2", 0);
    assertThat(p.effectivePort()).isEqualTo(993);
    assertThat(p.processedFolder()).isNull();
    assertThat(p.describe()).isEqualTo("imaps://team@imap.example:993/INBOX");
    assertThat(p.toString()).doesNotContain("hunter2").contains("[redacted]");
    assertThat(MailIntakePoller.sessionProperties(p))
        .containsEntry("mail.imaps.peek", "true")
        .containsEntry("mail.imaps.ssl.checkserveridentity", "true")
        .containsEntry("mail.imaps.timeout", "30000")
        .containsEntry("mail.imaps.ssl.trust", "imap.example");
  }
}
