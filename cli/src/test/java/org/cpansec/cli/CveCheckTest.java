package org.cpansec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CveCheckTest {
  private static final Path TVAR = Path.of("../core/src/test/resources/datapack/cna/t-var");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static void copy(Path root, String dir, String cve) throws Exception {
    Files.createDirectories(root.resolve(dir));
    Files.copy(TVAR.resolve(cve + ".yaml"), root.resolve(dir).resolve(cve + ".yaml"));
  }

  @Test
  void encryptedRecordsAreReportedAsSkippedNeverCrashed(@TempDir Path root) throws Exception {
    copy(root, "cves", "CVE-2025-40916");
    Files.createDirectories(root.resolve("encrypted"));
    byte[] sealed = "\0GITCRYPT\0\u0001\u00ffbinary".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(root.resolve("encrypted/CVE-2025-40999.yaml"), sealed);
    assertThat(run("cve", "--root", root.toString(), "check", "--all")).isEqualTo(0);
    assertThat(out.toString())
        .contains(
            "encrypted/CVE-2025-40999.yaml:1:1: notice [not_checked] encrypted, skipped (needs"
                + " git-crypt unlock)")
        .contains("2 record(s) checked");
    assertThat(run("cve", "--root", root.toString(), "check", "CVE-2025-40999")).isEqualTo(0);
    assertThat(out.toString()).contains("[not_checked] encrypted, skipped");
  }

  @Test
  void unlockedEncryptedRecordsAreChecked(@TempDir Path root) throws Exception {
    copy(root, "encrypted", "CVE-2025-40916");
    assertThat(run("cve", "--root", root.toString(), "check", "--strict", "CVE-2025-40916"))
        .isEqualTo(1);
    assertThat(out.toString()).contains("encrypted/CVE-2025-40916.yaml:", "[reference_quality]");
  }

  @Test
  void reservedIdWithoutRecordSaysHowToStart(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("reserved"));
    Files.writeString(root.resolve("reserved/CVE-2026-1111"), "");
    assertThat(run("cve", "--root", root.toString(), "check", "CVE-2026-1111")).isEqualTo(2);
    assertThat(err.toString()).contains("is reserved: 'cpansec cve init CVE-2026-1111 MODULE'");
  }

  @Test
  void staleJsonAndAnnouncementAreWarned(@TempDir Path root) throws Exception {
    copy(root, "cves", "CVE-2025-40916");
    String r = root.toString();
    assertThat(run("cve", "--root", r, "build", "CVE-2025-40916")).isEqualTo(0);
    assertThat(run("cve", "--root", r, "announce", "--write", "CVE-2025-40916")).isEqualTo(0);
    assertThat(run("cve", "--root", r, "check", "CVE-2025-40916")).isEqualTo(0);
    assertThat(out.toString()).doesNotContain("out_of_date");
    Path yaml = root.resolve("cves/CVE-2025-40916.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("1.06 or later", "1.07 or later"));
    assertThat(run("cve", "--root", r, "check", "CVE-2025-40916")).isEqualTo(0);
    assertThat(out.toString()).contains("[json_out_of_date]", "[announce_out_of_date]");
    assertThat(run("cve", "--root", r, "check", "--strict", "CVE-2025-40916")).isEqualTo(1);
  }

  @Test
  void changedOutsideGitIsAClearError(@TempDir Path root) throws Exception {
    copy(root, "cves", "CVE-2025-40916");
    assertThat(run("cve", "--root", root.toString(), "check", "--changed")).isEqualTo(2);
    assertThat(err.toString()).contains("--changed needs a git checkout");
  }

  @Test
  void changedChecksWhatDiffersFromTheMergeBase(@TempDir Path root) throws Exception {
    git(root, "init", "-q", "-b", "main");
    copy(root, "cves", "CVE-2025-40916");
    copy(root, "cves", "CVE-2025-40933");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "two records");
    git(root, "checkout", "-q", "-b", "CVE-2025-40906");
    copy(root, "cves", "CVE-2025-40906");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "a third on the branch");
    Path edited = root.resolve("cves/CVE-2025-40933.yaml");
    Files.writeString(edited, Files.readString(edited).replace("author: KGOLDOV", "author: x"));
    Files.writeString(root.resolve("notes.yaml"), "not: a record\n");

    assertThat(run("cve", "--root", root.toString(), "check", "--changed")).isEqualTo(1);
    assertThat(out.toString())
        .contains("CVE-2025-40906.yaml", "CVE-2025-40933.yaml:7:3: error [schema] cpansec.author")
        .doesNotContain("CVE-2025-40916")
        .doesNotContain("notes.yaml")
        .contains("2 record(s) checked");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of("-c", "user.name=t", "-c", "user.email=t@example.invalid"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isEqualTo(0);
  }
}
