package org.cpansec.manifest.installed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpansec.cpan.DistName;
import org.cpansec.cpan.PauseId;
import org.cpansec.manifest.Dependency;
import org.cpansec.manifest.ExtractContext;
import org.cpansec.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Carton/cpanm {@code local/} tree: modules plus cpanm's install.json records. */
class InstallRecordsTest {

  @Test
  void installRecordsGiveDistributionsWithAuthors(@TempDir Path local) throws IOException {
    Path lib = local.resolve("lib/perl5");
    Path meta = lib.resolve("x86_64-linux/.meta/Plack-1.0047");
    Files.createDirectories(meta);
    Files.createDirectories(lib.resolve("Plack"));
    Files.writeString(
        lib.resolve("Plack.pm"), "package Plack;\nuse strict;\nour $VERSION = '1.0047';\n");
    Files.writeString(
        meta.resolve("install.json"),
        """
        {"name":"Plack","target":"Plack","version":"1.0047","dist":"Plack-1.0047",
         "pathname":"M/MI/MIYAGAWA/Plack-1.0047.tar.gz",
         "provides":{"Plack":{"file":"lib/Plack.pm","version":"1.0047"},
                     "Plack::Request":{"file":"lib/Plack/Request.pm","version":"1.0047"}}}
        """);
    Manifest m = InstalledTrees.scan(List.of(lib), ExtractContext.defaults(), Progress.NONE);
    assertThat(m.problems()).isEmpty();
    Dependency plack =
        m.dependencies().stream().filter(d -> d.module().isEmpty()).findFirst().orElseThrow();
    assertThat(plack.distribution()).contains(DistName.of("Plack"));
    assertThat(plack.author()).contains(PauseId.of("MIYAGAWA"));
    assertThat(plack.version().written()).isEqualTo("1.0047");
    assertThat(m.provides())
        .extracting(p -> p.module().value())
        .containsExactlyInAnyOrder("Plack", "Plack::Request");
    Dependency module =
        m.dependencies().stream().filter(d -> d.module().isPresent()).findFirst().orElseThrow();
    assertThat(module.name()).isEqualTo("Plack");
    assertThat(module.distribution()).contains(DistName.of("Plack"));
    assertThat(module.version().written()).isEqualTo("1.0047");
  }
}
