package org.cpansec.server.mailin;

import java.util.Locale;

/** Sizes and lengths as people read them, and texts cut to a column's width. */
final class Sizes {
  private Sizes() {}

  /** Bytes, KiB or MiB with one decimal (as the report form says them). */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
