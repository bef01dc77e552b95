package org.cpansec.server.cpanindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.cpansec.cpan.index.Dependent;
import org.cpansec.cpan.index.IndexProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Importing a CPAN index into the database and answering the blast radius from it: counts, problems
 * with their line numbers, atomic replacement, refusals that keep the current index, and a large
 * generated index. Run once per database.
 */
abstract class CpanIndexContractTest {
  private static final Map<String, Integer> FAKECPAN_ROWS =
      Map.of("cpan_index_requirement", 10, "cpan_index_release", 6, "cpan_index_module", 52);

  @DynamicPropertySource
  static void quiet(DynamicPropertyRegistry r) {
    r.add("cpansec.advisories.import-bundled", () -> "false");
  }

  @Autowired CpanIndexImporter importer;
  @Autowired CpanIndexStore store;
  @Autowired BlastRadius blastRadius;
  @Autowired PlatformTransactionManager transactions;
  @TempDir Path dir;

  private ImportSummary importFakeCpan() {
    return importer.importIndex(
        IndexFixtures.FAKECPAN_PACKAGES,
        IndexFixtures.write(dir, "fakecpan.jsonl", IndexFixtures.FAKECPAN_DUMP));
  }

  private static List<String> names(List<Dependent> ds) {
    return ds.stream().map(Dependent::distribution).toList();
  }

  @Test
  void theRealFakeCpanIndexIsImportedWithItsProblemsAndAnswersTheBlastRadius() {
    ImportSummary s = importFakeCpan();

    assertThat(s.actor()).isEqualTo(CpanIndexImporter.COMMAND_LINE);
    assertThat(s.packagesFile()).isEqualTo("metacpan-api-fakecpan-02packages.details.txt");
    assertThat(s.dumpFile()).isEqualTo("fakecpan.jsonl");
    assertThat(s.modules()).isEqualTo(52);
    assertThat(s.releases()).isEqualTo(6);
    assertThat(s.requirements()).isEqualTo(10);
    assertThat(s.unresolvedModules()).isEqualTo(1);
    assertThat(s.packagesRejected()).isZero();
    assertThat(s.dumpRejected()).isEqualTo(2);
    assertThat(s.warnings()).isEqualTo(1);
    assertThat(s.problems())
        .extracting(IndexProblem::line, IndexProblem::rejected)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(7, true),
            org.assertj.core.groups.Tuple.tuple(9, true),
            org.assertj.core.groups.Tuple.tuple(8, false));
    assertThat(s.problems().get(0).toString()).startsWith("fakecpan.jsonl:7: not valid JSON");
    assertThat(s.problems().get(1).message())
        .contains("not a distribution name: '<script>alert(1)</script>'");
    assertThat(store.current()).contains(s);
    assertThat(store.rowCounts()).isEqualTo(FAKECPAN_ROWS);

    BlastRadius.Result mm = blastRadius.downstreamOf("Multiple-Modules");
    assertThat(mm.index().map(ImportSummary::id)).contains(s.id());
    assertThat(names(mm.downstream().runtime()))
        .containsExactly("Multiple-Modules-RDeps", "Multiple-Modules-RDeps-A");
    assertThat(mm.downstream().runtime().get(1).path())
        .containsExactly("Multiple-Modules", "Multiple-Modules-RDeps", "Multiple-Modules-RDeps-A");
    assertThat(names(mm.downstream().buildTest())).containsExactly("Multiple-Modules-Tester");
    assertThat(mm.summary())
        .startsWith("From the CPAN index imported ")
        .contains("(import #" + s.id() + ").\nDownstream of Multiple-Modules: 2 distributions")
        .contains(
            "- Multiple-Modules-RDeps-A (depth 2: Multiple-Modules → Multiple-Modules-RDeps"
                + " → Multiple-Modules-RDeps-A)");

    BlastRadius.Result byModule = blastRadius.downstreamOf(" File::lib::File::Duplicates ");
    assertThat(byModule.resolvedFrom()).contains("File::lib::File::Duplicates");
    assertThat(byModule.downstream().distribution()).isEqualTo("File-Duplicates");
    assertThat(names(byModule.downstream().runtime())).containsExactly("Fav-Dist", "Fav-DistB");
    assertThat(byModule.summary())
        .contains("File::lib::File::Duplicates is a module of File-Duplicates.");

    BlastRadius.Result unknown = blastRadius.downstreamOf("No-Such-Dist");
    assertThat(unknown.indexLoaded()).isTrue();
    assertThat(unknown.downstream().known()).isFalse();
    assertThat(unknown.summary()).endsWith("No-Such-Dist is not in the CPAN index.");
    assertThat(blastRadius.downstreamOf("not a <name>").downstream().known()).isFalse();
  }

  @Test
  void aNewImportReplacesTheCurrentOneAtomically() throws Exception {
    ImportSummary a = importFakeCpan();
    Path bPackages =
        IndexFixtures.write(
            dir,
            "b/02packages.details.txt",
            """
            File: 02packages.details.txt

            Only::Module  1.0  B/BB/BBB/Only-Module-1.0.tar.gz
            """);
    Path bDump =
        IndexFixtures.write(
            dir,
            "b/dump.jsonl",
            """
            {"distribution":"Uses-Only","version":"1","prereqs":{"runtime":{"requires":{"Only::Module":"0"}}}}
            """);

    // The replacement runs in one transaction of its own (a proxied, transactional method) ...
    assertThat(org.springframework.aop.support.AopUtils.isAopProxy(store)).isTrue();
    assertThat(
            new org.springframework.transaction.annotation.AnnotationTransactionAttributeSource()
                .getTransactionAttribute(
                    CpanIndexStore.class.getMethod(
                        "replace",
                        org.cpansec.cpan.index.CpanIndex.class,
                        CpanIndexStore.Origin.class,
                        int.class),
                    CpanIndexStore.class))
        .isNotNull();
    // ... and writes nothing outside it: failing after writing everything, it is seen by no other
    // connection and undone as a whole.
    TransactionTemplate t = new TransactionTemplate(transactions);
    assertThatThrownBy(
            () ->
                t.executeWithoutResult(
                    status -> {
                      ImportSummary b = importer.importIndex(bPackages, bDump);
                      assertThat(store.currentImportId()).contains(b.id());
                      // Another connection, outside this transaction, still reads A.
                      BlastRadius.Result outside =
                          CompletableFuture.supplyAsync(
                                  () -> blastRadius.downstreamOf("Multiple-Modules"))
                              .join();
                      assertThat(outside.index().map(ImportSummary::id)).contains(a.id());
                      assertThat(outside.downstream().runtime()).hasSize(2);
                      throw new IllegalStateException("failed after the replacement");
                    }))
        .hasMessage("failed after the replacement");
    assertThat(store.currentImportId()).contains(a.id());
    assertThat(store.rowCounts()).isEqualTo(FAKECPAN_ROWS);
    assertThat(blastRadius.downstreamOf("Only-Module").downstream().known()).isFalse();

    ImportSummary b = importer.importIndex(bPackages, bDump);

    assertThat(store.currentImportId()).contains(b.id());
    assertThat(store.rowCounts())
        .isEqualTo(
            Map.of("cpan_index_requirement", 1, "cpan_index_release", 1, "cpan_index_module", 1));
    assertThat(names(blastRadius.downstreamOf("Only-Module").downstream().runtime()))
        .containsExactly("Uses-Only");
    assertThat(blastRadius.downstreamOf("Multiple-Modules").downstream().known()).isFalse();
    assertThat(store.history(2)).extracting(ImportSummary::id).containsExactly(b.id(), a.id());
    assertThat(store.find(a.id()).map(ImportSummary::problems).orElseThrow()).hasSize(3);
  }

  @Test
  void anInputWithNothingUsableIsRefusedWithTheReasonAndTheCurrentIndexKept() throws Exception {
    ImportSummary a = importFakeCpan();
    Path goodDump = dir.resolve("fakecpan.jsonl");
    Path headerOnly =
        IndexFixtures.write(
            dir, "swapped.txt", "{\"distribution\":\"Foo\"}\n\n{\"distribution\":\"Bar\"}\n");
    Path badDump = IndexFixtures.write(dir, "bad.jsonl", "Foo::Bar 1.0 A/AU/AUTHOR/Foo-1.tar.gz\n");
    Path truncated = dir.resolve("02packages.details.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(truncated))) {
      out.write(Files.readAllBytes(IndexFixtures.FAKECPAN_PACKAGES));
    }
    byte[] gz = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> importer.importIndex(headerOnly, goodDump))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith("swapped.txt: no module lines could be read (1 unreadable).")
        .hasMessageContaining("First problem: line 3: expected 'Module::Name version")
        .hasMessageEndingWith("The current index is kept.");
    assertThatThrownBy(() -> importer.importIndex(IndexFixtures.FAKECPAN_PACKAGES, badDump))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith("bad.jsonl: no release could be read (1 of 1 entries rejected).")
        .hasMessageContaining("First problem: bad.jsonl:1: not valid JSON");
    assertThatThrownBy(() -> importer.importIndex(truncated, goodDump))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith(
            "02packages.details.txt.gz: cannot be read as 02packages.details.txt: EOFException");
    assertThatThrownBy(() -> importer.importIndex(dir.resolve("missing.txt"), goodDump))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessage("missing.txt: no such file (expected 02packages.details.txt or its .gz)");

    assertThat(store.currentImportId()).contains(a.id());
    assertThat(store.rowCounts()).isEqualTo(FAKECPAN_ROWS);
  }

  @Test
  void aLargeGeneratedIndexImportsCompletelyAndItsLongChainIsWalked() {
    int n = 5000;
    IndexFixtures.generate(dir, n);

    ImportSummary s =
        importer.importIndex(dir.resolve("02packages.details.txt"), dir.resolve("dump.jsonl"));

    assertThat(s.modules()).isEqualTo(2 * n);
    assertThat(s.providingDistributions()).isEqualTo(n);
    assertThat(s.releases()).isEqualTo(n);
    assertThat(s.requirements()).isEqualTo(3 * n - 1);
    assertThat(s.unresolvedModules()).isEqualTo(1);
    assertThat(s.rejected() + s.warnings()).isZero();
    assertThat(store.rowCounts())
        .isEqualTo(
            Map.of(
                "cpan_index_requirement",
                3 * n - 1,
                "cpan_index_release",
                n,
                "cpan_index_module",
                2 * n));
    BlastRadius.Result root = blastRadius.downstreamOf("Gen-D0");
    assertThat(root.downstream().runtime()).hasSize(n - 1);
    Dependent last = root.downstream().runtime().get(n - 2);
    assertThat(last.distribution()).isEqualTo("Gen-D" + (n - 1));
    assertThat(last.depth()).isEqualTo(n - 1);
    assertThat(root.downstream().buildTest()).isEmpty();
    assertThat(root.summary()).endsWith("... and " + (n - 1 - 100) + " more not listed.\n");
    assertThat(names(blastRadius.downstreamOf("Gen-D" + (n - 2)).downstream().runtime()))
        .containsExactly("Gen-D" + (n - 1));
    assertThat(blastRadius.downstreamOf("Gen-D0").index().map(ImportSummary::id))
        .isEqualTo(Optional.of(s.id()));
  }
}
