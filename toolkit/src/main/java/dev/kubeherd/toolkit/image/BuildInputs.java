package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything runs, that the files a build needs are there: the context, both
 * Dockerfiles, both scripts directories with the s2i scripts the build runs ({@code assemble};
 * {@code assemble} and {@code assemble-runtime} for the runtime; {@code save-artifacts} when
 * incremental), and the SSH directory when one is given. A missing one is exit code 2, naming it.
 * When the run writes secrets (GitHub credentials or an SSH directory) or is incremental, the work
 * directory must lie outside the context (links resolved): the context is copied into the builder
 * and runtime images, and the secrets and the previous build's saved artifacts are written under
 * the work directory (exit code 1 otherwise).
 */
public final class BuildInputs {
  static final String ASSEMBLE = "assemble";
  static final String ASSEMBLE_RUNTIME = "assemble-runtime";
  static final String SAVE_ARTIFACTS = "save-artifacts";
  static final String RUN = "run";

  private BuildInputs() {}

  /**
   * As {@link #check(ImageBuildOptions, boolean)}, with GitHub credentials when {@code
   * --github-username} is given.
   */
  public static void check(ImageBuildOptions o) {
    check(o, o.githubUsername().isPresent());
  }

  /**
   * @param github whether GitHub credentials will be written for the builder
   * @throws MissingInputException for the first missing path
   * @throws WorkDirInContextException when secrets or saved artifacts will be written and the work
   *     directory is inside the context
   */
  public static void check(ImageBuildOptions o, boolean github) {
    directory("the build context", o.context(), "pass --context DIR");
    if (github || o.sshDir().isPresent() || o.incremental()) {
      workDirOutsideContext(o.workDir(), o.context());
    }
    file("the builder Dockerfile", o.builderDockerfile(), "pass --builder-dockerfile FILE");
    file("the runtime Dockerfile", o.runtimeDockerfile(), "pass --runtime-dockerfile FILE");
    directory("the builder scripts directory", o.builderScripts(), "pass --builder-scripts DIR");
    script(o.builderScripts(), ASSEMBLE, "--builder-scripts");
    if (o.incremental()) {
      script(o.builderScripts(), SAVE_ARTIFACTS, "--builder-scripts");
    }
    directory("the runtime scripts directory", o.runtimeScripts(), "pass --runtime-scripts DIR");
    script(o.runtimeScripts(), ASSEMBLE, "--runtime-scripts");
    script(o.runtimeScripts(), ASSEMBLE_RUNTIME, "--runtime-scripts");
    o.sshDir().ifPresent(d -> directory("the SSH directory", d, "pass --ssh-dir DIR"));
  }

  private static void workDirOutsideContext(Path workDir, Path context) {
    if (real(workDir).startsWith(real(context))) {
      throw new WorkDirInContextException(workDir, context);
    }
  }

  /** The real path of {@code p}: its nearest existing ancestor's, with the rest appended. */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException e) {
      return abs;
    }
  }

  private static void file(String what, Path p, String hint) {
    if (!Files.isRegularFile(p)) {
      throw new MissingInputException(what, p, hint);
    }
  }

  private static void directory(String what, Path p, String hint) {
    if (!Files.isDirectory(p)) {
      throw new MissingInputException(what, p, hint);
    }
  }

  private static void script(Path dir, String name, String flag) {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new MissingInputException(
          "the " + name + " script", p, "add it to the directory " + flag + " names");
    }
    if (!Files.isExecutable(p)) {
      throw new MissingInputException(
          "an executable " + name + " script", p, "make it executable (chmod +x)");
    }
  }
}
