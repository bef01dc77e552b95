package org.cpansec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The files changed in a git checkout: against the merge base of HEAD and the main branch, plus the
 * working tree (staged, unstaged, untracked). Runs {@code git}: no library reimplements its index,
 * ignore and rename rules exactly.
 */
final class GitChanges {
  /** Tried in order when no base is given; the first that exists is the main line. */
  private static final List<String> MAIN_LINES =
      List.of("origin/HEAD", "origin/main", "main", "origin/master", "master");

  private final Path top;

  private GitChanges(Path top) {
    this.top = top;
  }

  /** The checkout {@code dir} is in; a UserException when it is in none. */
  static GitChanges of(Path dir) {
    Result r = git(dir, "rev-parse", "--show-toplevel");
    if (r.status != 0) {
      throw new UserException(
          "--changed needs a git checkout, and "
              + dir.toAbsolutePath().normalize()
              + " is not in one ("
              + r.err.strip()
              + ")");
    }
    return new GitChanges(Path.of(r.out.strip()));
  }

  /** Existing files changed since the merge base with {@code base} (else the main line). */
  List<Path> changed(Optional<String> base) {
    String ref = base.orElseGet(this::mainLine);
    Result mergeBase = git(top, "merge-base", "HEAD", ref);
    if (mergeBase.status != 0) {
      throw new UserException(
          "cannot find the merge base of HEAD and " + ref + ": " + mergeBase.err.strip());
    }
    TreeSet<Path> out = new TreeSet<>();
    for (String name : names(git(top, "diff", "--name-only", "-z", mergeBase.out.strip(), "--"))) {
      out.add(top.resolve(name));
    }
    for (String name : names(git(top, "ls-files", "--others", "--exclude-standard", "-z"))) {
      out.add(top.resolve(name));
    }
    out.removeIf(p -> !Files.isRegularFile(p));
    return new ArrayList<>(out);
  }

  private String mainLine() {
    for (String ref : MAIN_LINES) {
      if (git(top, "rev-parse", "--verify", "--quiet", ref + "^{commit}").status == 0) {
        return ref;
      }
    }
    // No main line (a fresh clone of one branch): what differs from HEAD is what changed.
    return "HEAD";
  }

  private static List<String> names(Result r) {
    if (r.status != 0) {
      throw new UserException("git failed: " + r.err.strip());
    }
    List<String> out = new ArrayList<>();
    for (String s : r.out.split("\0")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private record Result(int status, String out, String err) {}

  private static Result git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).start();
      p.getOutputStream().close();
      byte[] err;
      byte[] out;
      try (InputStream o = p.getInputStream();
          InputStream e = p.getErrorStream()) {
        // git's error output is a line or two; reading stdout first cannot fill its pipe.
        out = o.readAllBytes();
        err = e.readAllBytes();
      }
      return new Result(
          p.waitFor(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserException("cannot run git (needed by --changed): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while running git");
    }
  }
}
