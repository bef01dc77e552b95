package org.cpansec.server.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a password chosen at enrolment must be: at least {@code
 * cpansec.accounts.password-min-length} characters (12 by default), at most 1000, and not obvious —
 * not a well-known password, not the username or the mail address, not one character repeated, not
 * a keyboard or counting run, not made of four or fewer different characters.
 */
@Component
public class PasswordRules {
  /** Longest accepted password (the hash takes any length; this bounds the work per attempt). */
  public static final int MAX_LENGTH = 1000;

  private static final String[] RUNS = {
    "abcdefghijklmnopqrstuvwxyz",
    "zyxwvutsrqponmlkjihgfedcba",
    "0123456789",
    "9876543210",
    "qwertyuiopasdfghjklzxcvbnm",
    "mnbvcxzlkjhgfdsapoiuytrewq",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn"
  };

  private final int minLength;
  private final Set<String> common;

  public PasswordRules(AccountsProperties properties) {
    this.minLength = properties.passwordMinLength();
    this.common = load();
  }

  /** The shortest password accepted. */
  public int minLength() {
    return minLength;
  }

  /** Why this password is refused, or empty when it is accepted. */
  public Optional<String> problem(String password, String username, String email) {
    if (password == null || password.isEmpty()) {
      return Optional.of("Choose a password.");
    }
    int length = password.codePointCount(0, password.length());
    if (length < minLength) {
      return Optional.of("The password must have at least " + minLength + " characters.");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("The password must have at most " + MAX_LENGTH + " characters.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (common.contains(lower)) {
      return Optional.of("This password is too well known: choose another.");
    }
    if (password.codePoints().distinct().count() <= 4) {
      return Optional.of("The password repeats too few characters: choose a less regular one.");
    }
    if (isRun(lower)) {
      return Optional.of("The password is a keyboard or counting run: choose another.");
    }
    if (username != null
        && username.length() >= 3
        && lower.contains(username.toLowerCase(Locale.ROOT))) {
      return Optional.of("The password must not contain your username.");
    }
    if (email != null) {
      String local = email.toLowerCase(Locale.ROOT).replaceAll("@.*", "");
      if (local.length() >= 3 && lower.contains(local)) {
        return Optional.of("The password must not contain your mail address.");
      }
    }
    return Optional.empty();
  }

  /** The whole password is a stretch of the alphabet, the digits or a keyboard, wrapping round. */
  private static boolean isRun(String lower) {
    for (String run : RUNS) {
      String twice = run + run;
      if (twice.contains(lower)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = PasswordRules.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          words.add(w.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
