package dev.kubeherd.kube.brigade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobRecord;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSecretsTest {
  private static final String BUILD = "01hzzzzzzzzzzzzzzzzzzzzzzz";

  @Test
  void newJobSecretHasTheV1NameTypeAndLabels() {
    JobRecord job = record(Optional.of(Instant.parse("2024-05-01T10:00:00Z")));

    Secret s = JobSecrets.newSecret(job, "brigade-p", "brigade-worker-" + BUILD, "default");

    assertThat(s.getMetadata().getName()).isEqualTo("test-" + BUILD);
    assertThat(s.getType()).isEqualTo(SecretTypes.JOB);
    assertThat(s.getMetadata().getLabels())
        .isEqualTo(BrigadeLabels.jobLabels("test", "brigade-p", "brigade-worker-" + BUILD, BUILD));
    assertThat(s.getMetadata().getAnnotations()).doesNotContainKey(KubeherdAnnotations.FINISHED_AT);
  }

  @Test
  void recordRoundTripsThroughTheJobSecret() {
    JobRecord job = record(Optional.of(Instant.parse("2024-05-01T10:00:00Z")));

    Secret s = JobSecrets.newSecret(job, "brigade-p", "brigade-worker-" + BUILD, "default");

    assertThat(JobSecrets.decode(s)).isEqualTo(job);
  }

  @Test
  void v1JobSecretWithoutOurAnnotationsReadsAsUnknown() {
    Secret v1 =
        new SecretBuilder()
            .withNewMetadata()
            .withName("build-step-" + BUILD)
            .withLabels(BrigadeLabels.jobLabels("build-step", "brigade-p", "w", BUILD))
            .endMetadata()
            .withType(SecretTypes.JOB)
            .build();

    JobRecord r = JobSecrets.decode(v1);

    assertThat(r.name()).isEqualTo("build-step");
    assertThat(r.podName()).isEqualTo("build-step-" + BUILD);
    assertThat(r.phase()).isEqualTo(BuildPhase.UNKNOWN);
    assertThat(r.startedAt()).isEmpty();
  }

  @Test
  void absentValuesBecomeNullsSoAMergePatchRemovesThem() {
    assertThat(JobSecrets.annotations(record(Optional.empty())))
        .containsEntry(KubeherdAnnotations.STARTED_AT, null)
        .containsEntry(KubeherdAnnotations.PHASE, "Running");
  }

  private static JobRecord record(Optional<Instant> started) {
    return new JobRecord(
        BUILD,
        "test",
        "test-" + BUILD,
        "alpine:3",
        BuildPhase.RUNNING,
        started,
        Optional.empty(),
        Optional.empty());
  }
}
