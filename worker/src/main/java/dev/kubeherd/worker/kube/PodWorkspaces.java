package dev.kubeherd.worker.kube;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.worker.run.Workspace;
import dev.kubeherd.worker.run.WorkspaceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A worker pod's directories: the checkout in the workspace ({@code /vcs}, filled by the
 * vcs-sidecar init container or cloned by the worker), scratch space under a temporary directory,
 * and in a worker pod the project's default-script ConfigMap at {@value #DEFAULT_SCRIPT_MOUNT}.
 * Shared storage and job caches are PVCs mounted into job pods, so the worker has none locally. A
 * build's directories under the scratch root ({@code <scratch>/<build>}: a pool worker's checkout
 * and every worker's scratch space, marked by the file {@value #MARKER}) are removed by {@link
 * #release} when the build ends; those a crashed or killed pool process left, by {@link
 * PoolScratch} when a pool starts.
 */
public final class PodWorkspaces implements WorkspaceProvider {
  /**
   * Where the controller mounts a project's {@code defaultScriptName} ConfigMap (contract §3.3).
   */
  public static final String DEFAULT_SCRIPT_MOUNT = "/etc/brigade-default-script";

  /** A pool build's checkout, {@code <scratch>/<build>/src}. */
  static final String SOURCE = "src";

  /** A build's scratch space, {@code <scratch>/<build>/scratch}. */
  static final String SCRATCH = "scratch";

  /**
   * The file that marks {@code <scratch>/<build>} as made by kubeherd, written before anything else
   * in it: only directories holding it are removed as leftovers ({@link LeftoverBuildDirs}).
   */
  static final String MARKER = ".kubeherd-build";

  private final Function<Build, Path> workspaces;
  private final Path scratchRoot;
  private final Optional<Path> defaultScriptMount;

  private PodWorkspaces(
      Function<Build, Path> workspaces, Path scratchRoot, Optional<Path> defaultScriptMount) {
    this.workspaces = workspaces;
    this.scratchRoot = scratchRoot;
    this.defaultScriptMount = defaultScriptMount;
  }

  /**
   * A worker pod's one build: the checkout at {@code workspace} ({@code /vcs}), the default-script
   * ConfigMap at {@value #DEFAULT_SCRIPT_MOUNT}.
   */
  public static PodWorkspaces inPod(Path workspace, Path scratchRoot) {
    return inPod(workspace, scratchRoot, Path.of(DEFAULT_SCRIPT_MOUNT));
  }

  /** {@link #inPod(Path, Path)} with the default-script ConfigMap mounted at {@code mount}. */
  public static PodWorkspaces inPod(Path workspace, Path scratchRoot, Path defaultScriptMount) {
    return new PodWorkspaces(build -> workspace, scratchRoot, Optional.of(defaultScriptMount));
  }

  /**
   * A pool worker's many builds: each checkout under {@code root/<build>/src}; no project's
   * default-script ConfigMap is mounted into a pool worker.
   */
  public static PodWorkspaces perBuild(Path root) {
    return new PodWorkspaces(
        build -> root.resolve(build.id()).resolve(SOURCE), root, Optional.empty());
  }

  /**
   * Removes build {@code build}'s directory under the scratch root, checkout and scratch space
   * included; a worker pod's {@code /vcs} is not under it and stays. Nothing is followed out of the
   * directory through a symbolic link.
   *
   * @throws UncheckedIOException if something in it cannot be deleted
   */
  public void release(Build build) {
    Path dir = scratchRoot.resolve(build.id());
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "removing build " + build.id() + "'s directory " + dir + " (delete it by hand)", e);
    }
  }

  /** Makes {@code dir} if missing and marks it as kubeherd's ({@value #MARKER}). */
  private static Path marked(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.writeString(
          dir.resolve(MARKER),
          "made by kubeherd for one build; removed with it\n",
          StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      // marked when the build was prepared before (a re-prepare of the same build)
    }
    return dir;
  }

  @Override
  public Workspace prepare(Build build, boolean withCheckout) {
    Path workspace = workspaces.apply(build);
    try {
      Path scratch =
          Files.createDirectories(marked(scratchRoot.resolve(build.id())).resolve(SCRATCH));
      if (withCheckout) {
        Files.createDirectories(workspace);
      }
      Path unused = scratch.resolve("not-in-pods");
      return new Workspace(
          withCheckout ? Optional.of(workspace) : Optional.empty(),
          scratch,
          unused,
          job -> unused,
          defaultScriptMount);
    } catch (IOException e) {
      throw new UncheckedIOException("preparing the worker's directories under " + scratchRoot, e);
    }
  }
}
