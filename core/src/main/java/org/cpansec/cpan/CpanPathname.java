package org.cpansec.cpan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpansec.version.PerlVersion;

/**
 * A release file's path below {@code authors/id/} on CPAN, e.g. {@code
 * M/MI/MIYAGAWA/Plack-1.0047.tar.gz}, split into author, distribution and version the way PAUSE and
 * CPAN::DistnameInfo do: the version is the part after the last '-' that starts with a digit (or
 * 'v' and a digit); a {@code -TRIAL} suffix marks a trial release.
 *
 * @param version the version as written (the raw string), since some real releases carry versions
 *     {@code version.pm} rejects; {@link #perlVersion()} parses it.
 */
public record CpanPathname(
    String pathname, PauseId author, DistName distribution, String version, boolean trial) {

  private static final Pattern PATH =
      Pattern.compile("([A-Za-z0-9])/([A-Za-z0-9]{2})/([A-Za-z0-9-]+)/(?:[^/]+/)*([^/]+)");
  private static final Pattern ARCHIVE =
      Pattern.compile("(.+?)\\.(?:tar\\.gz|tgz|tar\\.bz2|tbz|tar\\.xz|txz|tar|zip)");
  private static final Pattern NAME_VERSION = Pattern.compile("(.+)-(v?[0-9][A-Za-z0-9._]*)");
  private static final Pattern TRIAL = Pattern.compile("(.+)-TRIAL[0-9]*");

  /** Parses a pathname, throwing {@link IllegalArgumentException} naming the part that is wrong. */
  public static CpanPathname parse(String pathname) {
    Matcher m = PATH.matcher(pathname == null ? "" : pathname);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a CPAN pathname: '" + pathname + "' (expected A/AU/AUTHOR/Dist-Name-1.23.tar.gz)");
    }
    PauseId author = PauseId.of(m.group(3));
    if (!m.group(3).startsWith(m.group(1)) || !m.group(3).startsWith(m.group(2))) {
      throw new IllegalArgumentException(
          "CPAN pathname '" + pathname + "': directories do not match the author " + author);
    }
    Matcher archive = ARCHIVE.matcher(m.group(4));
    if (!archive.matches()) {
      throw new IllegalArgumentException(
          "CPAN pathname '"
              + pathname
              + "': not a release archive (expected .tar.gz, .tgz, .tar.bz2, .zip ...)");
    }
    String base = archive.group(1);
    Matcher trial = TRIAL.matcher(base);
    boolean isTrial = trial.matches();
    if (isTrial) {
      base = trial.group(1);
    }
    Matcher nv = NAME_VERSION.matcher(base);
    if (!nv.matches()) {
      throw new IllegalArgumentException(
          "CPAN pathname '" + pathname + "': no version after the distribution name");
    }
    return new CpanPathname(pathname, author, DistName.of(nv.group(1)), nv.group(2), isTrial);
  }

  /** The version as version.pm reads it, or empty when it does not. */
  public Optional<PerlVersion> perlVersion() {
    return PerlVersion.tryParse(version);
  }
}
