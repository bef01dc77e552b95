package org.cpansec.cli.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.advisory.cpansa.CpansaFeedWriter;
import org.cpansec.advisory.cpansa.CpansaJsonWriter;
import org.cpansec.advisory.osv.OsvWriter;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cpansec db export}: the database as OSV (one file per advisory id, into a directory), as
 * the CPANSA feed, or in the CPAN::Audit JSON shape (one file, or standard output).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export the database: osv (a directory, one file per id), cpansa-feed, cpan-audit.")
final class DbExport implements Callable<Integer> {
  /** The export formats; all JSON, so this command has no text/json switch. */
  enum Target {
    osv,
    cpansa_feed,
    cpan_audit
  }

  @Spec CommandSpec spec;
  @Mixin DbOptions options;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = TargetConverter.class,
      description = "osv, cpansa-feed or cpan-audit.")
  Target target;

  @Option(
      names = "--out",
      paramLabel = "DIR|FILE",
      description =
          "Where to write: a directory for osv (required), a file otherwise (default: stdout).")
  Path out;

  static final class TargetConverter implements picocli.CommandLine.ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      try {
        return Target.valueOf(value.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected osv, cpansa-feed or cpan-audit, got '" + value + "'");
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    AdvisoryDatabase db = options.load(err).db();
    switch (target) {
      case osv:
        osv(db);
        break;
      case cpansa_feed:
        CpansaFeedWriter.Result r = write(o -> new CpansaFeedWriter().write(db, o));
        r.skipped().forEach(s -> err.println("cpansec: warning: not in the feed: " + s));
        break;
      default:
        write(
            o -> {
              new CpansaJsonWriter().write(db, o);
              return null;
            });
    }
    return ExitCode.OK;
  }

  private interface Body<T> {
    T writeTo(OutputStream out) throws IOException;
  }

  private <T> T write(Body<T> body) throws IOException {
    if (out == null) {
      PrintWriter w = spec.commandLine().getOut();
      java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
      T result = body.writeTo(buffer);
      w.println(buffer.toString(StandardCharsets.UTF_8));
      w.flush();
      return result;
    }
    Path tmp = Files.createTempFile(absoluteParent(out), ".export-", ".tmp");
    try {
      T result;
      try (OutputStream o = Files.newOutputStream(tmp)) {
        result = body.writeTo(o);
      }
      Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return result;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path absoluteParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new UserException("no such directory: " + parent);
    }
    return parent;
  }

  private void osv(AdvisoryDatabase db) throws IOException {
    if (out == null) {
      throw new UserException("--format osv writes one file per advisory: give --out DIR");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserException("--out " + out + " is a file; osv needs a directory");
    }
    Files.createDirectories(out);
    ObjectMapper mapper = new ObjectMapper();
    Map<String, ObjectNode> records = new OsvWriter().records(db);
    for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
      mapper
          .writerWithDefaultPrettyPrinter()
          .writeValue(out.resolve(e.getKey() + ".json").toFile(), e.getValue());
    }
    spec.commandLine()
        .getErr()
        .printf("cpansec: wrote %d OSV records to %s%n", records.size(), out);
  }
}
