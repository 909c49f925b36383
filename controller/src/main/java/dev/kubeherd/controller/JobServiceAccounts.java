package dev.kubeherd.controller;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.kube.job.JobServiceAccountRule;
import java.util.Optional;

/**
 * Which service account a build's job pods get ({@code BRIGADE_SERVICE_ACCOUNT}: the project's
 * {@code serviceAccount}, else the controller's project service account) and whether the operator
 * allows it: it must match the project service account regex ({@code
 * -project-service-account-regex}, default the project service account itself) in full. Brigade v1
 * left the check to the worker and matched unanchored; here the controller refuses such a build
 * before any pod runs, and {@code brigade-worker} does not match {@code my-brigade-worker-admin}.
 * An empty regex allows any account. The rule itself ({@link JobServiceAccountRule}) is shared with
 * the warm pool.
 */
final class JobServiceAccounts {
  private final WorkerPodConfig config;
  private final JobServiceAccountRule rule;

  JobServiceAccounts(WorkerPodConfig config) {
    this.config = config;
    this.rule = rule(config);
  }

  /** The service account of the project's job pods. */
  static String effective(Project project, WorkerPodConfig config) {
    return rule(config).effective(project);
  }

  private static JobServiceAccountRule rule(WorkerPodConfig config) {
    return new JobServiceAccountRule(config.projectServiceAccount(), config.serviceAccountRegex());
  }

  /** Why the build may not run, if its project's job service account is not allowed. */
  Optional<String> refusal(Project project, String buildId) {
    String sa = rule.effective(project);
    if (rule.allows(sa)) {
      return Optional.empty();
    }
    String rule =
        "job service accounts must match the regex '"
            + config.serviceAccountRegex()
            + "' (setting "
            + ControllerSetting.PROJECT_SERVICE_ACCOUNT_REGEX.env()
            + ", flag -"
            + ControllerSetting.PROJECT_SERVICE_ACCOUNT_REGEX.flag()
            + ")";
    if (!JobServiceAccountRule.projectChooses(project)) {
      return Optional.of(
          "the controller's job service account '"
              + sa
              + "' (setting "
              + ControllerSetting.PROJECT_SERVICE_ACCOUNT.env()
              + ") is not allowed: "
              + rule
              + "; the operator must change one of the two settings, then rerun the build (brig"
              + " rerun "
              + buildId
              + ")");
    }
    return Optional.of(
        "project "
            + project.id()
            + " sets serviceAccount '"
            + sa
            + "' for its jobs, which the controller does not allow: "
            + rule
            + "; change the project's serviceAccount or have the operator widen that setting, then"
            + " rerun the build (brig rerun "
            + buildId
            + ")");
  }
}
