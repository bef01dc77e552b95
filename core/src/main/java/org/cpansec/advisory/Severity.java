package org.cpansec.advisory;

import java.util.Locale;

/**
 * A severity normalised to five levels, with the source's own word kept: {@code moderate} reads as
 * medium and {@code minor} as low (the CPANSA feed's vocabulary); anything else, including none, is
 * {@link Level#UNKNOWN}.
 */
public record Severity(Level level, String original) {
  /** The normalised levels, lowest first. */
  public enum Level {
    UNKNOWN,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final Severity NONE = new Severity(Level.UNKNOWN, null);

  public Severity {
    java.util.Objects.requireNonNull(level, "level");
  }

  /** Reads a source's severity word; {@code null} means none was given. */
  public static Severity of(String original) {
    if (original == null) {
      return NONE;
    }
    return new Severity(levelOf(original.strip().toLowerCase(Locale.ROOT)), original);
  }

  private static Level levelOf(String word) {
    switch (word) {
      case "low":
      case "minor":
        return Level.LOW;
      case "medium":
      case "moderate":
        return Level.MEDIUM;
      case "high":
        return Level.HIGH;
      case "critical":
        return Level.CRITICAL;
      default:
        return Level.UNKNOWN;
    }
  }

  /** Whether the source used a word outside low/medium/high/critical (or an empty one). */
  public boolean isNonStandard() {
    return original != null && !original.equals(level.label());
  }
}
