package org.cpansec.manifest.installed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.manifest.VersionSpec;

/**
 * Finds the packages of a Perl source file and the {@code $VERSION} of each, following the line
 * rules of Module::Metadata 1.000037 (which line counts as a version declaration, which package it
 * belongs to, POD, comments, {@code __END__}/{@code __DATA__}); where Module::Metadata evaluates
 * the version line as Perl, {@link VersionLine} evaluates the static forms only.
 */
final class PmScanner {
  private static final String FIRST_WORD = "[a-zA-Z_](?:[\\w']?\\w)*";
  private static final String ADDL_WORD = "\\w(?:[\\w']?\\w)*";
  private static final String PKG_NAME =
      "(?:::)?" + FIRST_WORD + "(?:(?:::)+" + ADDL_WORD + ")*(?:::)?";
  private static final Pattern PKG =
      Pattern.compile("^[\\s{;]*package\\s+(" + PKG_NAME + ")\\s*(v?[0-9._]+)?\\s*[;{]");
  private static final String VARNAME = "([$*])(((?:::|')?(?:\\w+(?:::|'))*)?VERSION)\\b";
  private static final Pattern VERS =
      Pattern.compile("(?:\\(\\s*" + VARNAME + "\\s*\\)|" + VARNAME + ")\\s*=[^=~>]");
  private static final Pattern POD_START = Pattern.compile("^=([a-zA-Z].*)");
  private static final Pattern CUT = Pattern.compile("^cut(?:[^a-zA-Z]|$).*");
  private static final Pattern COMMENT = Pattern.compile("^\\s*#.*");

  /** A package's version: the spec, and the 1-based line it was read from (0 = none). */
  record Found(VersionSpec version, int line) {}

  /** What one scan found: packages in order of appearance, and versions by package. */
  record Result(List<String> packages, Map<String, Found> versions) {}

  private PmScanner() {}

  static Result scan(List<String> lines) {
    State s = new State();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher pod = POD_START.matcher(line);
      boolean isCut = false;
      if (pod.matches()) {
        isCut = CUT.matcher(pod.group(1)).matches();
        s.inPod = !isCut;
      }
      if (s.inPod || isCut || COMMENT.matcher(line).matches()) {
        continue;
      }
      if (line.equals("__END__") || line.equals("__DATA__")) {
        break;
      }
      s.line(line, i + 1);
    }
    return new Result(List.copyOf(s.packages), Map.copyOf(s.versions));
  }

  /** The scanner's state between lines, as Module::Metadata keeps it. */
  private static final class State {
    boolean inPod;
    boolean needVersion;
    String pkg = "main";
    final java.util.List<String> packages = new java.util.ArrayList<>();
    final Map<String, Found> versions = new LinkedHashMap<>();

    void line(String line, int no) {
      Matcher vers = line.indexOf("VERSION") >= 1 ? VERS.matcher(line) : null;
      boolean isVersion = vers != null && vers.find();
      String sigil = isVersion ? (vers.group(2) != null ? vers.group(1) : vers.group(4)) : null;
      String prefix = isVersion ? (vers.group(2) != null ? vers.group(3) : vers.group(6)) : null;
      String versionPackage = prefix == null || prefix.isEmpty() ? null : packageOf(prefix);
      Matcher p = PKG.matcher(line);
      if (p.find()) {
        pkg = p.group(1);
        if (!packages.contains(pkg)) {
          packages.add(pkg);
        }
        needVersion = p.group(2) == null;
        if (!versions.containsKey(pkg) && p.group(2) != null) {
          versions.put(pkg, new Found(VersionSpec.exactOf(p.group(2)), no));
        }
      } else if (isVersion && versionPackage != null) {
        if (versionPackage.equals(pkg)) {
          needVersion = false;
        }
        if (!hasVersion(versionPackage)) {
          versions.put(versionPackage, evaluate(sigil, line, vers.end() - 1, no));
        }
      } else if (pkg.equals("main") && isVersion && !versions.containsKey("main")) {
        needVersion = false;
        versions.put("main", evaluate(sigil, line, vers.end() - 1, no));
        packages.add("main");
      } else if (pkg.equals("main") && !versions.containsKey("main") && line.matches(".*\\w.*")) {
        needVersion = true;
        versions.put("main", new Found(VersionSpec.unknown("", "no $VERSION"), 0));
        packages.add("main");
      } else if (isVersion && needVersion) {
        needVersion = false;
        if (!hasVersion(pkg)) {
          versions.put(pkg, evaluate(sigil, line, vers.end() - 1, no));
        }
      }
    }

    private boolean hasVersion(String p) {
      Found f = versions.get(p);
      return f != null && f.line() > 0;
    }

    private static String packageOf(String prefix) {
      if (prefix.equals("::")) {
        return "main";
      }
      return prefix.endsWith("::") ? prefix.substring(0, prefix.length() - 2) : prefix;
    }

    private static Found evaluate(String sigil, String line, int rhsStart, int no) {
      if (sigil.equals("*")) {
        return new Found(
            VersionSpec.unknown(line.strip(), "glob assignment to *VERSION is not evaluated"), no);
      }
      return new Found(VersionLine.evaluate(line.substring(rhsStart)), no);
    }
  }
}
