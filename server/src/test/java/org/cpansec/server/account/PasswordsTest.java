package org.cpansec.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password hash (Argon2id) and the rules a chosen password must follow. */
class PasswordsTest {
  private final PasswordEncoder encoder = new AccountConfig().passwordEncoder();
  private final PasswordRules rules =
      new PasswordRules(
          new AccountsProperties(
              5,
              Duration.ofMinutes(15),
              Duration.ofMinutes(30),
              Duration.ofHours(72),
              12,
              Duration.ofMinutes(5)));

  @Test
  void hashesAreArgon2idSaltedAndVerify() {
    String a = encoder.encode("a long enough passphrase");
    String b = encoder.encode("a long enough passphrase");
    assertThat(a).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
    assertThat(a).isNotEqualTo(b).doesNotContain("passphrase");
    assertThat(encoder.matches("a long enough passphrase", a)).isTrue();
    assertThat(encoder.matches("a long enough passphrase", b)).isTrue();
    assertThat(encoder.matches("a long enough passphrasE", a)).isFalse();
    assertThat(encoder.matches("", a)).isFalse();
  }

  @Test
  void aGoodPasswordPasses() {
    assertThat(rules.problem("ferry lantern quietly 42", "alice", "alice@example.org")).isEmpty();
    assertThat(rules.problem("Übermäßig-geheimes-Wort", "bob", "bob@example.org")).isEmpty();
  }

  @Test
  void tooShortOrTooLongIsRefusedWithTheLimit() {
    assertThat(rules.problem("short pass!", "alice", "a@example.org"))
        .hasValue("The password must have at least 12 characters.");
    assertThat(rules.problem("", "alice", "a@example.org")).hasValue("Choose a password.");
    assertThat(rules.problem("x1y2".repeat(251), "alice", "a@example.org"))
        .hasValue("The password must have at most 1000 characters.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password1234",
        "PASSWORD1234",
        "qwertyuiop12",
        "correcthorsebatterystaple",
        "aaaaaaaaaaaaaaa",
        "abababababababab",
        "abcdefghijklmnop",
        "0123456789012",
        "qwertyuiopasdf",
        "zyxwvutsrqpo",
        "my-alice-secret-words",
        "xx-alice.smith-xx"
      })
  void obviousPasswordsAreRefused(String password) {
    assertThat(rules.problem(password, "alice", "alice.smith@example.org"))
        .as(password)
        .isPresent();
  }
}
