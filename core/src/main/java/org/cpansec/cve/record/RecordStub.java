package org.cpansec.cve.record;

import java.util.Objects;

/**
 * The YAML a new record starts from ({@code cve init}). Offline, so what only a person or MetaCPAN
 * knows is a placeholder that blocks: the author is {@code AUTHOR} and the repository, title,
 * description and reference carry TODO / example.invalid (the {@code placeholder_content} lint);
 * the affected range is {@code TODO}, which no reader accepts as a version, so a stub can never be
 * built or published by accident.
 */
public final class RecordStub {
  private RecordStub() {}

  /** The stub's text; {@code distribution} is usually {@link #distributionOf(ModuleName)}. */
  public static String yaml(CveId cve, ModuleName module, DistributionName distribution) {
    Objects.requireNonNull(cve, "cve");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(distribution, "distribution");
    return TEMPLATE
        .replace("@CVE@", cve.value())
        .replace("@DIST@", distribution.value())
        .replace("@MODULE@", module.value());
  }

  /** The distribution a module usually ships in: {@code Foo::Bar} → {@code Foo-Bar}. */
  public static DistributionName distributionOf(ModuleName module) {
    return DistributionName.of(module.value().replace("::", "-"));
  }

  private static final String TEMPLATE =
      """
      # yaml-language-server: $schema=../schema/cpansec-cna-schema-01.yaml
      cpansec:
        cve: @CVE@

        distribution: @DIST@
        module: @MODULE@
        # PAUSE id of the maintainer (https://metacpan.org/dist/@DIST@)
        author: AUTHOR
        repo: https://example.invalid/TODO-repository-of-@DIST@

        # "A <= B", "A < B", "<= B", "< B" or an exact version; "A < *" for "from A"
        affected:
          - "TODO"

        title: |
          @MODULE@ {{VERSION_RANGE}} for Perl TODO what is wrong

        description: |
          @MODULE@ {{VERSION_RANGE}} for Perl TODO what is wrong.

          TODO: the cause, and what an attacker can do with it.

        references:
          - link: https://example.invalid/TODO-reference
            tags:
              - patch

        # cwes:
        #   - CWE-NNN Name of the weakness

        # files:
        #   - lib/Path/To/Module.pm

        # routines:
        #   - Module::function

        # solution: |
        #   Upgrade to version X or later.

        # mitigation: |
        #   What users can do before they can upgrade.

        # impacts:
        #   - CAPEC-NNN Name of the attack pattern

        # credits:
        #   - type: finder
        #     value: Name of the finder (only with their consent)

        # timeline:
        #   - time: YYYY-MM-DD
        #     value: Issue reported to the maintainer
      """;
}
