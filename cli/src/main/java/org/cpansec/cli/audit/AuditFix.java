package org.cpansec.cli.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.audit.Finding;
import org.cpansec.audit.FindingKind;
import org.cpansec.audit.fix.CpanfileFixer;
import org.cpansec.audit.fix.Raise;
import org.cpansec.cli.ExitCode;
import org.cpansec.cli.ProjectInput;
import org.cpansec.cli.UserException;
import org.cpansec.manifest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpansec audit fix [DIR] [--dry-run]}: raise a cpanfile's minimums to safe releases. */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    description = {
      "Raise the minimum versions in the project's cpanfile to the releases the audit",
      "recommends, and show the change as a diff. Only version literals are edited."
    })
final class AuditFix implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AuditOptionsMixin options;

  @Option(names = "--dry-run", description = "Show the diff; change nothing.")
  boolean dryRun;

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "Project directory (default: .).")
  Path dir;

  @Override
  public Integer call() {
    Path project = dir == null ? Path.of(".") : dir;
    List<Manifest> manifests = ProjectInput.read(List.of(project), AuditRunner.context(options));
    AuditRunner.Audited audited = AuditRunner.audit(spec, options, manifests, Optional.of(project));
    List<Finding> findings = audited.report().findings();
    AdvisoryDatabase db = audited.database().db();
    PrintWriter out = spec.commandLine().getOut();
    Map<Path, List<Raise>> byFile = new LinkedHashMap<>();
    Set<String> raised = new TreeSet<>();
    for (Finding f : findings) {
      if (f.kind() == FindingKind.ALLOWS_VULNERABLE
          && f.remediation().upgradeTo().isPresent()
          && f.dependency().source().file().getFileName().toString().equals("cpanfile")) {
        var to = f.remediation().upgradeTo().get();
        if (!isMainModule(f, db)) {
          out.println(
              "not changed: "
                  + f.dependency().source()
                  + " "
                  + f.dependency().name()
                  + ": a module of "
                  + f.distribution()
                  + ", whose own $VERSION need not be the"
                  + " release number; require "
                  + db.mainModule(f.distribution()).orElse(f.distribution())
                  + " >= "
                  + to.text()
                  + " instead, or raise it by hand");
          continue;
        }
        byFile
            .computeIfAbsent(f.dependency().source().file(), k -> new ArrayList<>())
            .add(
                new Raise(
                    f.dependency().source().line(),
                    f.dependency().name(),
                    to.version().orElseThrow(),
                    to.text()));
        raised.add(f.distribution());
      }
    }
    int left = 0;
    for (Finding f : findings) {
      if (f.kind() == FindingKind.ALLOWS_VULNERABLE
          && raised.contains(f.distribution())
          && !isMainModule(f, db)) {
        left++;
      }
    }
    for (Map.Entry<Path, List<Raise>> e : byFile.entrySet()) {
      left += fix(project, e.getKey(), e.getValue(), out);
    }
    for (Finding f : findings) {
      if (f.kind() == FindingKind.VULNERABLE && !raised.contains(f.distribution())) {
        out.println(
            "note: "
                + f.distribution()
                + " "
                + f.dependency().version().written()
                + " is pinned in "
                + f.dependency().source().file()
                + "; "
                + f.advice()
                + " (for example with 'carton update')");
      }
    }
    if (byFile.isEmpty()) {
      out.println("No cpanfile requirement to raise.");
    }
    return left == 0 ? ExitCode.OK : ExitCode.FINDINGS;
  }

  /**
   * Whether the statement names the distribution itself or its main module, whose version is the
   * release number; any other module of the distribution keeps a $VERSION of its own.
   */
  private static boolean isMainModule(Finding f, AdvisoryDatabase db) {
    if (f.dependency().module().isEmpty()) {
      return true;
    }
    String module = f.dependency().module().get().value();
    return db.mainModule(f.distribution()).map(module::equals).orElse(false)
        || module.replace("::", "-").equals(f.distribution());
  }

  /** Fixes one file; returns how many statements were left alone. */
  private int fix(Path project, Path file, List<Raise> raises, PrintWriter out) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserException.unreadable(file + ": cannot read: " + e.getMessage(), e);
    }
    CpanfileFixer.Result result = CpanfileFixer.apply(text, raises);
    if (!result.changes().isEmpty()) {
      String shown = project.relativize(file).toString();
      out.println("--- a/" + shown);
      out.println("+++ b/" + shown);
      for (CpanfileFixer.Change c : result.changes()) {
        out.println("@@ -" + c.line() + ",1 +" + c.line() + ",1 @@");
        out.println("-" + c.before());
        out.println("+" + c.after());
      }
      if (!dryRun) {
        write(file, result.text());
      }
    }
    for (CpanfileFixer.Skipped s : result.skipped()) {
      out.println("not changed: " + file + ":" + s.line() + " " + s.name() + ": " + s.reason());
    }
    return result.skipped().size();
  }

  private static void write(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cpanfile", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
