package dev.kubeherd.gateway.status;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.Arrays;
import java.util.Optional;

/**
 * A project's choice, in its {@code kubeherd.githubStatus} key, of how push and pull request builds
 * are reported. {@link #NONE} turns all reporting off, deployment statuses included.
 */
enum ReportMode {
  COMMIT_STATUS("commit-status"),
  CHECK_RUN("check-run"),
  NONE("none");

  static final ReportMode DEFAULT = COMMIT_STATUS;

  private final String value;

  ReportMode(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  /** The project's mode: the default when the key is absent or empty, empty when unknown. */
  static Optional<ReportMode> of(Project project) {
    String v = project.value(ProjectKeys.GITHUB_STATUS).trim();
    if (v.isEmpty()) {
      return Optional.of(DEFAULT);
    }
    return Arrays.stream(values()).filter(m -> m.value.equals(v)).findFirst();
  }
}
