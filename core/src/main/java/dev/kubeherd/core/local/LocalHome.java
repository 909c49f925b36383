package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local-mode state directory ({@code KUBEHERD_HOME}, default {@code ~/.kubeherd}) and where
 * everything lives in it:
 *
 * <pre>
 * projects/&lt;projectId&gt;.json
 * builds/&lt;buildId&gt;/build.json, status.json, claim
 * builds/&lt;buildId&gt;/jobs.jsonl
 * builds/&lt;buildId&gt;/logs/&lt;source&gt;.log
 * builds/&lt;buildId&gt;/share/   shared build storage
 * builds/&lt;buildId&gt;/src/     source checkout
 * cache/&lt;projectId&gt;/&lt;job&gt;/ job cache, survives builds
 * deliveries/&lt;deliveryId&gt;.json  webhook deliveries and their builds
 * journal/                   the local gateway's delivery journal
 * build-changes.log, .log.1  IDs of builds just created or changed (read by build feeds)
 * </pre>
 *
 * Path helpers for store files only compute paths; the workspace helpers ({@link #shareDir}, {@link
 * #srcDir}, {@link #cacheDir}) create their directory on demand. Every name that becomes a path
 * element is checked, so an ID like {@code ../x} cannot escape the home.
 */
public final class LocalHome {
  public static final String HOME_ENV = "KUBEHERD_HOME";
  static final String DEFAULT_DIR = ".kubeherd";

  private final Path root;
  private JournalView journal; // guarded by this

  public LocalHome(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * This process's view of the delivery journal's builds and keys, shared by the stores made over
   * this home (one per {@code LocalHome}: tests use one per simulated process).
   */
  synchronized JournalView journal() {
    if (journal == null) {
      journal = new JournalView(this);
    }
    return journal;
  }

  /** {@code KUBEHERD_HOME} from {@code env}, else {@code .kubeherd} in the {@code user.home}. */
  public static LocalHome resolve(Map<String, String> env) {
    return resolve(env, System.getProperty("user.home"));
  }

  /** As {@link #resolve(Map)} with an explicit user home (tests never read the real one). */
  public static LocalHome resolve(Map<String, String> env, String userHome) {
    String configured = env.get(HOME_ENV);
    try {
      if (configured != null && !configured.isBlank()) {
        Path root = Path.of(configured);
        if (Files.exists(root) && !Files.isDirectory(root)) {
          throw new IllegalArgumentException(
              HOME_ENV
                  + "="
                  + configured
                  + " is a file, not a directory: point "
                  + HOME_ENV
                  + " at a directory (a missing one is created)");
        }
        return new LocalHome(root);
      }
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          HOME_ENV + "=" + configured + " is not a usable path: " + e.getReason(), e);
    }
    if (userHome == null || userHome.isBlank()) {
      throw new IllegalStateException(
          HOME_ENV + " is not set and the user home is unknown; set " + HOME_ENV);
    }
    return new LocalHome(Path.of(userHome, DEFAULT_DIR));
  }

  public Path root() {
    return root;
  }

  public Path projectsDir() {
    return root.resolve("projects");
  }

  public Path projectFile(String projectId) {
    return projectsDir().resolve(checkName("project ID", projectId) + ".json");
  }

  public Path buildsDir() {
    return root.resolve("builds");
  }

  public Path buildDir(String buildId) {
    return buildsDir().resolve(checkName("build ID", buildId));
  }

  public Path logsDir(String buildId) {
    return buildDir(buildId).resolve("logs");
  }

  /** The build's job records, one JSON document per line, appended (the last per job wins). */
  public Path jobsFile(String buildId) {
    return buildDir(buildId).resolve("jobs.jsonl");
  }

  /** Shared build storage for all jobs of a build; created if missing. */
  public Path shareDir(String buildId) {
    return ensureDir(buildDir(buildId).resolve("share"));
  }

  /** Where the build's source is checked out; created if missing. */
  public Path srcDir(String buildId) {
    return ensureDir(buildDir(buildId).resolve("src"));
  }

  /** A job's cache, kept across the project's builds; created if missing. */
  public Path cacheDir(String projectId, String jobName) {
    return ensureDir(
        root.resolve("cache")
            .resolve(checkName("project ID", projectId))
            .resolve(checkName("job name", jobName)));
  }

  /** Whether {@code value} can be one path element under the home (see {@link #checkName}). */
  static boolean isSafeName(String value) {
    return value != null
        && !value.isEmpty()
        && !value.startsWith(".")
        && !value.contains("..")
        && noSeparatorOrControl(value);
  }

  // a loop, not a stream: called several times for every delivery the gateway stores
  private static boolean noSeparatorOrControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '\\' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return root.toString();
  }

  static Path ensureDir(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create directory " + dir + ": " + e, e);
    }
  }

  /**
   * Returns {@code value} if it is safe as one path element: not empty, not starting with {@code .}
   * (hidden and temp files), and without {@code /}, {@code \}, {@code ..} or control characters.
   */
  static String checkName(String kind, String value) {
    if (!isSafeName(value)) {
      throw new IllegalArgumentException(
          kind
              + " \""
              + value
              + "\" cannot be used as a file name: it must be non-empty, must not start with"
              + " '.', and must not contain '/', '\\', '..' or control characters");
    }
    return value;
  }
}
