package org.cpansec.cli.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.FormatOption;
import org.cpansec.cli.Json;
import org.cpansec.cli.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cpansec db update}: refresh the local cache, verified and atomically replaced. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description =
        "Fetch the CPANSA JSON database into the local cache. The download is size-limited, "
            + "checked against a SHA-256 (given, or published as URL.sha256), read as a database, "
            + "and only then moved over the cache; on any failure the old cache stays.")
final class DbUpdate implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin FormatOption format;
  @Mixin DbOptions options;

  @Option(
      names = "--from",
      paramLabel = "URL|FILE",
      description = "Where to fetch from (default: ${DEFAULT-VALUE}). A .gz download is unzipped.",
      defaultValue = Updater.DEFAULT_URL)
  String from;

  @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the download.")
  String sha256;

  @Option(
      names = "--max-size",
      paramLabel = "BYTES",
      defaultValue = "67108864",
      description = "Refuse downloads larger than this (default: ${DEFAULT-VALUE}).")
  long maxSize;

  @Override
  public Integer call() {
    if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
      throw new UserException("--sha256 needs 64 hexadecimal digits, got " + sha256);
    }
    if (options.offline && Updater.isUrl(from)) {
      throw new UserException("--offline: refusing to fetch " + from + "; use --from FILE");
    }
    Updater.Result r;
    try {
      r = new Updater(options.cacheDir(), maxSize, options.offline).update(from, sha256);
    } catch (IOException e) {
      throw new UserException(
          "update from " + from + " failed: " + e + "; the cache was not changed", e);
    }
    ObjectNode o = Json.object().put("cache_file", r.file().toString()).put("from", r.from());
    o.put("bytes", r.bytes())
        .put("sha256", r.sha256())
        .put("checksum_verified", r.checksumVerified());
    o.put("commit", r.db().source().commit()).put("date", r.db().source().date());
    o.put("advisories", r.db().all().size()).put("releases", r.db().releaseCount());
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.println(Json.write(o));
    } else {
      out.printf(
          "updated %s from %s: %d advisories, %d releases, commit %s (%s)%s%n",
          r.file(),
          r.from(),
          r.db().all().size(),
          r.db().releaseCount(),
          r.db().source().commit(),
          r.db().source().date(),
          r.checksumVerified() ? ", SHA-256 verified" : "");
    }
    return ExitCode.OK;
  }
}
