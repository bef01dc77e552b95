package org.cpansec.cli.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.AdvisoryFormatException;
import org.cpansec.advisory.compact.CompactReader;
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

  @Option(
      names = "--with",
      paramLabel = "FILE|DIR",
      description =
          "Merge these sources over the database: CNA YAML, CVE JSON 5, OSV or CPANSA YAML files"
              + " (a CNA record wins on ranges; every disagreement is a lint finding).")
  List<Path> with;

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
      loaded = new Loaded(readCache(), "cache", cacheFile());
    } else {
      loaded = new Loaded(AdvisoryDatabase.bundled(), "bundled snapshot", null);
    }
    warnIfStale(loaded, err, Instant.now());
    if (with != null && !with.isEmpty()) {
      AdvisoryDatabase merged = loaded.db().with(ExtraSources.read(with));
      loaded = new Loaded(merged, loaded.where() + " + --with", loaded.file());
    }
    return loaded;
  }

  /**
   * The cache's compact form when it is at least as new as the JSON (db update writes both, JSON
   * first); otherwise the JSON itself, e.g. after someone replaced it by hand.
   */
  private AdvisoryDatabase readCache() {
    Path compact = cacheDir().resolve(Updater.COMPACT_NAME);
    try {
      if (Files.isRegularFile(compact)
          && Files.getLastModifiedTime(compact).compareTo(Files.getLastModifiedTime(cacheFile()))
              >= 0) {
        try (InputStream in = Files.newInputStream(compact)) {
          return CompactReader.read(in, compact.toString());
        }
      }
    } catch (AdvisoryFormatException e) {
      throw new UserException(
          "the cached database is unreadable: " + e.getMessage() + hint("cached"), e);
    } catch (IOException e) {
      throw new UserException("cannot read the cached database " + compact + ": " + e, e);
    }
    return read(cacheFile(), "cached database");
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
