package dev.kubeherd.toolkit.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@code GIT_TAG}: what {@code git describe --tags --always} prints for the repository holding a
 * directory — the nearest tag (lightweight or annotated), {@code <tag>-<n>-g<sha>} past it, or the
 * abbreviated SHA without tags. Like that command (no {@code --dirty}), local changes do not show.
 * {@link #of} makes it a valid image tag ({@link ImageTags}), as the image build does, so the
 * deployed {@code image.tag} names the image that was built. {@link #variables} gives the tools
 * both: {@code GIT_TAG} (the image tag) and {@code GIT_DESCRIBE} (the describe output as it is).
 */
public final class GitTag {
  /** Used when there is no repository or no commit: the image tag of a local build. */
  public static final String FALLBACK = "dev";

  /** The variable holding the image tag. */
  public static final String TAG_VARIABLE = "GIT_TAG";

  /** The variable holding {@code git describe --tags --always} as it printed it. */
  public static final String DESCRIBE_VARIABLE = "GIT_DESCRIBE";

  private GitTag() {}

  /** {@code git describe --tags --always} for {@code dir} (or a parent holding {@code .git}). */
  public static Optional<String> describe(Path dir) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try (Repository repo = builder.build();
        Git git = new Git(repo)) {
      if (repo.resolve("HEAD^{commit}") == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(git.describe().setTags(true).setAlways(true).call());
    } catch (IOException | GitAPIException e) {
      return Optional.empty(); // as the README's "errors ignored"
    }
  }

  /**
   * {@link #describe} made a valid image tag ({@code release/1.2.0} → {@code release-1.2.0}), else
   * {@value #FALLBACK}.
   */
  public static String of(Path dir) {
    return describe(dir).map(ImageTags::fromGitName).orElse(FALLBACK);
  }

  /**
   * {@value #TAG_VARIABLE} and {@value #DESCRIBE_VARIABLE} for the tools run on {@code dir}'s
   * repository: the image tag ({@code tag} when given and not blank, else {@link #of}) and {@link
   * #describe} as it is, else the image tag. They differ only where describe's output is not a
   * valid image tag ({@code 1.2.0+build.7} → {@code GIT_TAG=1.2.0-build.7}).
   */
  public static Map<String, String> variables(Path dir, Optional<String> tag) {
    Optional<String> described = describe(dir);
    String imageTag =
        tag.filter(t -> !t.isBlank())
            .orElseGet(() -> described.map(ImageTags::fromGitName).orElse(FALLBACK));
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(TAG_VARIABLE, imageTag);
    vars.put(DESCRIBE_VARIABLE, described.orElse(imageTag));
    return vars;
  }
}
