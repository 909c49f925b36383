package dev.kubeherd.controller;

import static dev.kubeherd.controller.TestBuilds.BUILD_ID;
import static dev.kubeherd.controller.TestBuilds.EMPTY_TESTBED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Project;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobServiceAccountsTest {

  @Test
  void byDefaultOnlyTheControllersJobServiceAccountIsAllowed() {
    JobServiceAccounts rule = rule(Map.of());

    assertThat(rule.refusal(project(Map.of()), BUILD_ID)).isEmpty();
    assertThat(rule.refusal(project(Map.of("serviceAccount", "brigade-worker")), BUILD_ID))
        .isEmpty();
    assertThat(rule.refusal(project(Map.of("serviceAccount", "cluster-admin")), BUILD_ID))
        .isPresent();
  }

  @Test
  void theRegexMustMatchTheWholeName() {
    JobServiceAccounts rule = rule(Map.of("KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX", "deploy.*"));

    assertThat(rule.refusal(project(Map.of("serviceAccount", "deployer")), BUILD_ID)).isEmpty();
    assertThat(rule.refusal(project(Map.of("serviceAccount", "my-deployer")), BUILD_ID))
        .isPresent();
  }

  @Test
  void aControllerJobServiceAccountOutsideTheRegexIsTheOperatorsToFix() {
    JobServiceAccounts rule =
        rule(
            Map.of(
                "BRIGADE_JOB_SERVICE_ACCOUNT", "jobs",
                "KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX", "deployer"));

    assertThat(rule.refusal(project(Map.of()), BUILD_ID))
        .contains(
            "the controller's job service account 'jobs' (setting BRIGADE_JOB_SERVICE_ACCOUNT) is"
                + " not allowed: job service accounts must match the regex 'deployer' (setting"
                + " KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX, flag -project-service-account-regex);"
                + " the operator must change one of the two settings, then rerun the build (brig"
                + " rerun "
                + BUILD_ID
                + ")");
  }

  @Test
  void anEmptyRegexAllowsAnyAccount() {
    WorkerPodConfig c = ControllerConfig.fromEnv(Map.of()).worker();
    WorkerPodConfig any =
        new WorkerPodConfig(
            c.image(),
            c.command(),
            c.defaultCommand(),
            c.pullPolicy(),
            c.workerServiceAccount(),
            c.projectServiceAccount(),
            "",
            c.resources(),
            c.defaultBuildStorageClass(),
            c.defaultCacheStorageClass());

    assertThat(
            new JobServiceAccounts(any)
                .refusal(project(Map.of("serviceAccount", "cluster-admin")), BUILD_ID))
        .isEmpty();
  }

  private static JobServiceAccounts rule(Map<String, String> env) {
    return new JobServiceAccounts(ControllerConfig.fromEnv(new HashMap<>(env)).worker());
  }

  private static Project project(Map<String, String> data) {
    return TestBuilds.project(EMPTY_TESTBED, data);
  }
}
