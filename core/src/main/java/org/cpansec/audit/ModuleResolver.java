package org.cpansec.audit;

import java.util.Map;
import java.util.Optional;
import org.cpansec.advisory.AdvisoryDatabase;
import org.cpansec.cpan.CoreModules;
import org.cpansec.cpan.ModuleName;
import org.cpansec.version.PerlVersion;

/**
 * Maps a module to the CPAN distribution that ships it, trying the most precise source first: the
 * project's own lockfile ({@code provides}), a CPAN packages index when given, then the advisory
 * database's module index. A module that only ships with perl itself is recognised as core. Never
 * guesses a distribution from the module's spelling.
 */
final class ModuleResolver {

  /** Where a module was found. */
  record Resolution(String distribution, String how) {}

  private final Map<String, String> provides;
  private final Optional<PackagesIndex> index;
  private final AdvisoryDatabase db;
  private final CoreModules core;
  private final Optional<PerlVersion> perl;

  ModuleResolver(
      Map<String, String> provides,
      Optional<PackagesIndex> index,
      AdvisoryDatabase db,
      CoreModules core,
      Optional<PerlVersion> perl) {
    this.provides = provides;
    this.index = index;
    this.db = db;
    this.core = core;
    this.perl = perl;
  }

  Optional<Resolution> resolve(ModuleName module) {
    String name = module.value();
    String dist = provides.get(name);
    if (dist != null) {
      return Optional.of(new Resolution(dist, "provides of the project's snapshot"));
    }
    if (index.isPresent()) {
      Optional<String> fromIndex = index.get().distributionOf(name);
      if (fromIndex.isPresent()) {
        return Optional.of(new Resolution(fromIndex.get(), "CPAN packages index"));
      }
    }
    return db.distributionOfModule(name)
        .map(d -> new Resolution(d, "advisory database module index"));
  }

  /** Whether the module ships with the target perl (only asked when it resolved nowhere else). */
  boolean isCoreOnly(ModuleName module) {
    return perl.isPresent() && core.isCore(module, perl.get());
  }
}
