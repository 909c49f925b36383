package dev.kubeherd.toolkit.image;

import java.util.List;

/**
 * A build step wrote a secret value the build gave it (the GitHub token, a file of the SSH
 * directory) into the container's own files, so committing the container would put the secret in a
 * layer (exit code 4). Nothing was committed, tagged or pushed; the container was removed. The
 * message names the paths and the secrets by where they came from, never their values.
 */
public final class SecretInLayerException extends ImageBuildException {
  static final int MAX_LISTED = 20;

  private final List<String> paths;
  private final List<String> secrets;

  SecretInLayerException(
      String step, String image, List<LayerScan.Finding> findings, List<String> mounts) {
    super(ImageExitCodes.STEP_FAILED, message(step, image, findings, mounts));
    this.paths = findings.stream().map(LayerScan.Finding::path).toList();
    this.secrets =
        findings.stream().flatMap(f -> f.secrets().stream()).distinct().sorted().toList();
  }

  /** The container paths that hold a secret. */
  public List<String> paths() {
    return paths;
  }

  /** The names of the secrets found (where each came from). */
  public List<String> secrets() {
    return secrets;
  }

  private static String message(
      String step, String image, List<LayerScan.Finding> findings, List<String> mounts) {
    StringBuilder m =
        new StringBuilder(step)
            .append(" wrote secrets into the container's files; refusing to commit it as ")
            .append(image)
            .append(" (nothing was committed or pushed):");
    findings.stream()
        .limit(MAX_LISTED)
        .forEach(
            f ->
                m.append("\n  ")
                    .append(f.path())
                    .append(" holds ")
                    .append(String.join(" and ", f.secrets().stream().sorted().toList())));
    if (findings.size() > MAX_LISTED) {
      m.append("\n  … and ").append(findings.size() - MAX_LISTED).append(" more paths");
    }
    m.append("\nRead a secret where it is mounted (")
        .append(String.join(", ", mounts))
        .append(") at the moment it is needed");
    if (mounts.contains(BuildSecrets.GITHUB_TARGET)) {
      m.append(", e.g. with a git credential helper that cats ")
          .append(BuildSecrets.GITHUB_TARGET)
          .append("/token");
    }
    return m.append(", instead of copying it into a file; or delete such a file before the step")
        .append(" ends (only what is left at its end is committed)")
        .toString();
  }
}
