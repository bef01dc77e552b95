package org.cpansec.cli.db;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.cli.UserException;
import picocli.CommandLine.Option;

/** Options every {@code db} subcommand shares: where the data is, and whether to stay offline. */
public final class DbOptions {
  /** Data older than this gets a warning. */
  static final Duration STALE = Duration.ofDays(7);

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Cache directory (default: CPANSEC_CACHE_DIR, else the platform's cache dir).")
  Path cacheDir;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "Read this CPANSA JSON database instead of the cache or the bundled snapshot.")
  Path dbFile;

  @Option(names = "--offline", description = "Never touch the network.")
  boolean offline;

  Path cacheDir() {
    return cacheDir != null ? cacheDir : CacheDir.forThisMachine();
  }

  Path cacheFile() {
    return cacheDir().resolve(Updater.FILE_NAME);
  }

  /** The database and a word on where it came from. */
  record Loaded(AdvisoryDatabase db, String where, Path file) {}

  /** Loads the --db file, else the cache, else the bundled snapshot; warns when data is stale. */
  Loaded load(PrintWriter err) {
    Loaded loaded;
    if (dbFile != null) {
      loaded = new Loaded(read(dbFile, "database file"), "file", dbFile);
    } else if (Files.isRegularFile(cacheFile())) {
      loaded = new Loaded(read(cacheFile(), "cached database"), "cache", cacheFile());
    } else {
      loaded = new Loaded(AdvisoryDatabase.bundled(), "bundled snapshot", null);
    }
    warnIfStale(loaded, err, Instant.now());
    return loaded;
  }

  private static AdvisoryDatabase read(Path file, String what) {
    try {
      return AdvisoryDatabase.load(file);
    } catch (AdvisoryFormatException e) {
      throw new UserException("the " + what + " is unreadable: " + e.getMessage() + hint(what), e);
    } catch (IOException e) {
      throw new UserException("cannot read the " + what + " " + file + ": " + e, e);
    }
  }

  private static String hint(String what) {
    return what.startsWith("cached") ? " (run 'cpansec db update' to replace it)" : "";
  }

  static void warnIfStale(Loaded loaded, PrintWriter err, Instant now) {
    Instant generated = loaded.db().source().generatedAt().orElse(null);
    if (generated == null && loaded.file() != null) {
      try {
        generated = Files.getLastModifiedTime(loaded.file()).toInstant();
      } catch (IOException e) {
        err.println("cpansec: warning: cannot tell the age of " + loaded.file() + ": " + e);
        return;
      }
    }
    if (generated == null) {
      err.println("cpansec: warning: the advisory data does not say when it was generated");
      return;
    }
    long days = Duration.between(generated, now).toDays();
    if (Duration.between(generated, now).compareTo(STALE) > 0) {
      err.printf(
          "cpansec: warning: the advisory data (%s) is %d days old; run 'cpansec db update'%n",
          loaded.where(), days);
    }
  }
}
