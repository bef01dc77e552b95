package org.cpansec.cli.db;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's cache directory for cpansec: {@code CPANSEC_CACHE_DIR} when set; else {@code
 * %LOCALAPPDATA%\cpansec} on Windows, {@code ~/Library/Caches/cpansec} on macOS, {@code
 * $XDG_CACHE_HOME/cpansec} or {@code ~/.cache/cpansec} elsewhere (the XDG base-directory rules).
 */
final class CacheDir {
  private CacheDir() {}

  static Path resolve(Map<String, String> env, String osName, String userHome) {
    String explicit = env.get("CPANSEC_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      return local != null && !local.isBlank()
          ? Path.of(local, "cpansec")
          : Path.of(userHome, "AppData", "Local", "cpansec");
    }
    if (os.startsWith("mac")) {
      return Path.of(userHome, "Library", "Caches", "cpansec");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "cpansec");
    }
    return Path.of(userHome, ".cache", "cpansec");
  }

  static Path forThisMachine() {
    return resolve(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
  }
}
