package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.WorkerMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerConfigTest {

  @Test
  void defaultsAreTheBrigadeV1Defaults() {
    ControllerConfig c = ControllerConfig.fromEnv(Map.of("HOSTNAME", "controller-0"));

    assertThat(c.namespace()).isEqualTo("default");
    assertThat(c.worker().image()).isEqualTo("brigadecore/brigade-worker:latest");
    assertThat(c.worker().command()).isEmpty();
    assertThat(c.worker().defaultCommand()).isEqualTo("yarn -s start");
    assertThat(c.worker().pullPolicy()).isEqualTo("IfNotPresent");
    assertThat(c.worker().workerServiceAccount()).isEqualTo("brigade-worker");
    assertThat(c.worker().projectServiceAccount()).isEqualTo("brigade-worker");
    assertThat(c.worker().serviceAccountRegex()).isEqualTo("brigade-worker");
    assertThat(c.worker().resources()).isEqualTo(WorkerPodConfig.WorkerResources.NONE);
    assertThat(c.kubeconfig()).isEmpty();
    assertThat(c.lease().identity()).isEqualTo("controller-0");
    assertThat(c.lease().namespace()).isEqualTo("default");
    assertThat(c.vacuum()).contains(new VacuumPolicy(Duration.ofHours(720), -1));
    assertThat(c.vacuumInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.workerMode()).isEqualTo(WorkerMode.POD);
  }

  @Test
  void flagWinsOverEnvWhichWinsOverDefault() {
    ControllerConfig c =
        ControllerConfig.parse(
            Map.of("namespace", "from-flag"),
            Map.of("BRIGADE_NAMESPACE", "from-env", "BRIGADE_WORKER_IMAGE", "w:1"));

    assertThat(c.namespace()).isEqualTo("from-flag");
    assertThat(c.worker().image()).isEqualTo("w:1");
  }

  @Test
  void serviceAccountRegexDefaultsToTheProjectServiceAccount() {
    ControllerConfig c = ControllerConfig.fromEnv(Map.of("BRIGADE_JOB_SERVICE_ACCOUNT", "jobs"));

    assertThat(c.worker().serviceAccountRegex()).isEqualTo("jobs");
  }

  @Test
  void ourSettingsAreParsed() {
    ControllerConfig c =
        ControllerConfig.fromEnv(
            Map.of(
                "KUBEHERD_MAX_RUNNING_BUILDS", "3",
                "KUBEHERD_MAX_RUNNING_BUILDS_PER_PROJECT", "0",
                "VACUUM_AGE", "0",
                "VACUUM_MAX_BUILDS", "50",
                "KUBEHERD_VACUUM_INTERVAL", "1h30m",
                "KUBEHERD_LEASE_NAMESPACE", "ops",
                "KUBEHERD_WORKER_MODE", "pool"));

    assertThat(c.limits()).isEqualTo(new AdmissionLimits(3, 0));
    assertThat(c.vacuum()).contains(new VacuumPolicy(Duration.ZERO, 50));
    assertThat(c.vacuumInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.lease().namespace()).isEqualTo("ops");
    assertThat(c.workerMode()).isEqualTo(WorkerMode.POOL);
  }

  @Test
  void vacuumWithoutAnyLimitIsRejectedWithTheFix() {
    assertThatThrownBy(
            () -> ControllerConfig.fromEnv(Map.of("VACUUM_AGE", "0", "VACUUM_MAX_BUILDS", "-1")))
        .isInstanceOf(InvalidControllerConfigException.class)
        .hasMessageContaining("the vacuum has no limit")
        .hasMessageContaining("-vacuum-age (VACUUM_AGE)")
        .hasMessageContaining("KUBEHERD_VACUUM_INTERVAL)=0");
  }

  @Test
  void vacuumSwitchedOffNeedsNoLimit() {
    ControllerConfig c =
        ControllerConfig.fromEnv(Map.of("VACUUM_AGE", "0", "KUBEHERD_VACUUM_INTERVAL", "0"));

    assertThat(c.vacuum()).isEmpty();
  }

  @Test
  void everyBadSettingIsReportedByNameAtOnce() {
    assertThatThrownBy(
            () ->
                ControllerConfig.parse(
                    Map.of("no-such-flag", "x"),
                    Map.of(
                        "BRIGADE_WORKER_PULL_POLICY", "Sometimes",
                        "KUBEHERD_MAX_RUNNING_BUILDS", "many",
                        "KUBEHERD_MAX_RUNNING_BUILDS_PER_PROJECT", "-2",
                        "KUBEHERD_WORKER_LIMITS_MEMORY", "a lot",
                        "KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX", "(",
                        "KUBEHERD_LEASE_RENEW_DEADLINE", "20s",
                        "KUBEHERD_VACUUM_INTERVAL", "hourly",
                        "KUBEHERD_WORKER_MODE", "thread")))
        .isInstanceOfSatisfying(
            InvalidControllerConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("-no-such-flag is not a controller flag"))
                    .anyMatch(
                        p -> p.contains("BRIGADE_WORKER_PULL_POLICY)=Sometimes must be one of"))
                    .anyMatch(
                        p -> p.contains("KUBEHERD_MAX_RUNNING_BUILDS)=many is not a whole number"))
                    .anyMatch(p -> p.contains("=-2 is negative; set 0 (no limit)"))
                    .anyMatch(p -> p.contains("=a lot is not a Kubernetes quantity"))
                    .anyMatch(p -> p.contains("is not a valid regular expression"))
                    .anyMatch(p -> p.contains("lease timings must satisfy"))
                    .anyMatch(p -> p.contains("'hourly' is not a duration"))
                    .anyMatch(p -> p.contains("=thread must be pod or pool")));
  }

  @Test
  void durationsAcceptGoAndIsoSyntax() {
    assertThat(Durations.parse("720h")).isEqualTo(Duration.ofHours(720));
    assertThat(Durations.parse("1h30m15s")).isEqualTo(Duration.ofSeconds(5415));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Durations.parse("10 days"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void workerTimeoutsDefaultToTenMinutesToStartAndNoRunLimit() {
    ControllerConfig c = ControllerConfig.fromEnv(Map.of());

    assertThat(c.workerTimeouts()).isEqualTo(WorkerPodTimeouts.DEFAULT);
    assertThat(c.workerTimeouts().startTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.workerTimeouts().runTimeout()).isZero();
  }

  @Test
  void workerTimeoutsComeFromTheirSettingsAndAZeroStartTimeoutMeansNoStartLimit() {
    ControllerConfig c =
        ControllerConfig.parse(
            Map.of("worker-timeout", "2h"), Map.of("KUBEHERD_WORKER_START_TIMEOUT", "90s"));

    assertThat(c.workerTimeouts().startTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.workerTimeouts().runTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(
            ControllerConfig.fromEnv(Map.of("KUBEHERD_WORKER_START_TIMEOUT", "0"))
                .workerTimeouts()
                .unlimitedStart())
        .isTrue();
  }
}
