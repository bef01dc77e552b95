package org.cpansec.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of reading one manifest: every dependency found and every problem met (nothing
 * silently dropped), plus what the manifest says about the project itself and which modules its
 * locked distributions provide.
 *
 * @param format the extractor's name, e.g. {@code cpanfile.snapshot}
 */
public record Manifest(
    Path file,
    String format,
    Optional<ProjectInfo> project,
    List<Dependency> dependencies,
    List<Provided> provides,
    List<Problem> problems) {

  public Manifest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(project, "project");
    dependencies = List.copyOf(dependencies);
    provides = List.copyOf(provides);
    problems = List.copyOf(problems);
  }

  /** The project's own dependencies (not the edges of a lock file's dependency graph). */
  public List<Dependency> directDependencies() {
    return dependencies.stream().filter(Dependency::isDirect).toList();
  }
}
