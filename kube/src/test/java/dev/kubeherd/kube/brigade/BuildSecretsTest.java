package dev.kubeherd.kube.brigade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Revision;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildSecretsTest {
  private static final String BRIG_ID = "01ckcc06200kqdvkdp3nc65bap";
  private static final String TESTBED = ProjectIds.fromName("brigadecore/empty-testbed");
  private static final String SCRIPT =
      "const { events } = require('brigadier');\nevents.on('exec', () => console.log('hello'));\n";
  private static final String UUID = "3f1e5c8a-2b4d-4e6f-8a9b-0c1d2e3f4a5b";

  private static BuildRequest brigRun() {
    return BuildRequest.of(TESTBED, "exec", "brigade-cli")
        .withRevision(Revision.ofRef("master"))
        .withScript(SCRIPT)
        .withLogLevel("log");
  }

  @Test
  void buildIsWrittenExactlyAsBrigWritesIt() {
    Secret written = BuildSecrets.toSecret(BRIG_ID, brigRun(), "default");

    assertThat(Golden.tree(written)).isEqualTo(Golden.tree("build-brig.yaml"));
  }

  @Test
  void everyDataKeyIsWrittenEvenWhenEmpty() {
    Secret written =
        BuildSecrets.toSecret(BRIG_ID, BuildRequest.of(TESTBED, "push", "github"), "default");

    assertThat(written.getData()).containsOnlyKeys(BuildSecretKeys.ALL);
    assertThat(written.getData().get(BuildSecretKeys.BUILD_ID))
        .as("v1 quirk: build_id is the Secret name")
        .isEqualTo(written.getData().get(BuildSecretKeys.BUILD_NAME));
  }

  @Test
  void brigWrittenSecretReadsBackAsAPendingBuild() {
    Build b = BuildSecrets.decode(Golden.secret("build-brig.yaml"));

    assertThat(b.id()).isEqualTo(BRIG_ID);
    assertThat(b.request()).isEqualTo(brigRun());
    assertThat(b.status()).isEqualTo(BuildStatus.pending());
    assertThat(b.createdAt())
        .as("no creationTimestamp: the ULID's time")
        .isEqualTo(Instant.ofEpochMilli(1532644825152L));
  }

  @Test
  void customGatewaySecretReadsWithItsUuidAndProjectFromData() {
    Build b = BuildSecrets.decode(Golden.secret("build-custom-gateway.yaml"));

    assertThat(b.id()).isEqualTo(UUID);
    assertThat(b.projectId()).isEqualTo(ProjectIds.fromName("deis/empty-testbed"));
    assertThat(b.request().type()).isEqualTo("deploy");
    assertThat(b.request().provider()).isEqualTo("acme");
    assertThat(b.request().payload()).isEqualTo("{\"env\":\"prod\"}");
    assertThat(b.request().revision()).isEqualTo(new Revision("", ""));
    assertThat(b.request().script()).isEmpty();
    assertThat(b.createdAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void aProducersOwnLabelsAreKeptWithTheBuildButV1sKeysAreNot() {
    Secret s =
        new SecretBuilder(Golden.secret("build-custom-gateway.yaml"))
            .editMetadata()
            .addToLabels("team", "payments")
            .addToLabels(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED)
            .endMetadata()
            .build();

    assertThat(BuildSecrets.decode(s).labels()).isEqualTo(Map.of("team", "payments"));
    assertThat(BuildSecrets.decode(Golden.secret("build-brig.yaml")).labels()).isEmpty();
  }

  @Test
  void projectLabelWinsOverProjectIdData() {
    Secret s =
        new SecretBuilder(Golden.secret("build-custom-gateway.yaml"))
            .editMetadata()
            .addToLabels(BrigadeLabels.PROJECT, "brigade-fromlabel")
            .endMetadata()
            .build();

    assertThat(BuildSecrets.decode(s).projectId()).isEqualTo("brigade-fromlabel");
  }

  @Test
  void secretAcceptedByAV1ControllerReadsAsRunningOnItsWorkerPod() {
    Secret accepted =
        new SecretBuilder(Golden.secret("build-brig.yaml"))
            .editMetadata()
            .addToLabels(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED)
            .endMetadata()
            .build();

    BuildStatus status = BuildSecrets.decode(accepted).status();

    assertThat(status.phase()).isEqualTo(BuildPhase.RUNNING);
    assertThat(status.worker()).isEqualTo("brigade-worker-" + BRIG_ID);
  }

  @Test
  void statusRoundTripsThroughTheAnnotations() {
    Instant t0 = Instant.parse("2024-05-01T10:00:00.123456Z");
    BuildStatus failed =
        BuildStatus.pending().running("pod-7", t0).finished(false, 2, t0.plusSeconds(9), "boom");
    Secret s =
        new SecretBuilder(Golden.secret("build-brig.yaml"))
            .editMetadata()
            .withAnnotations(StatusAnnotations.write(failed))
            .endMetadata()
            .build();

    assertThat(BuildSecrets.decode(s).status()).isEqualTo(failed);
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry(KubeherdAnnotations.PHASE, "Failed")
        .containsEntry(KubeherdAnnotations.EXIT_CODE, "2");
  }

  @Test
  void secretOfAnotherTypeIsNotABuild() {
    Secret opaque = new SecretBuilder(Golden.secret("build-brig.yaml")).withType("Opaque").build();

    assertThatThrownBy(() -> BuildSecrets.decode(opaque))
        .isInstanceOf(InvalidBuildSecretException.class)
        .hasMessageContaining("its type is Opaque, not brigade.sh/build");
  }

  @Test
  void secretWithoutBuildLabelFailsNamingTheSecretAndTheLabel() {
    Secret s =
        new SecretBuilder(Golden.secret("build-custom-gateway.yaml"))
            .editMetadata()
            .removeFromLabels(BrigadeLabels.BUILD)
            .endMetadata()
            .build();

    assertThatThrownBy(() -> BuildSecrets.decode(s))
        .isInstanceOfSatisfying(
            InvalidBuildSecretException.class,
            e -> {
              assertThat(e.secretName()).isEqualTo("acme-deploy-" + UUID);
              assertThat(e.buildId()).isEmpty();
              assertThat(e.reason()).contains("no label build");
            })
        .hasMessageContaining("kubectl edit secret acme-deploy-" + UUID);
  }

  @Test
  void secretNamingNoProjectFailsWithTheBuildIdKnown() {
    Secret s =
        new SecretBuilder(Golden.secret("build-custom-gateway.yaml"))
            .removeFromData(BuildSecretKeys.PROJECT_ID)
            .build();

    assertThatThrownBy(() -> BuildSecrets.decode(s))
        .isInstanceOfSatisfying(
            InvalidBuildSecretException.class,
            e -> {
              assertThat(e.buildId()).contains(UUID);
              assertThat(e.reason()).contains("label project and data project_id");
            });
  }

  @Test
  void garbageValuesFailNamingTheKey() {
    Secret badData =
        new SecretBuilder(Golden.secret("build-brig.yaml"))
            .addToData(BuildSecretKeys.PAYLOAD, "@@@")
            .build();
    Secret badPhase =
        new SecretBuilder(Golden.secret("build-brig.yaml"))
            .editMetadata()
            .addToAnnotations(KubeherdAnnotations.PHASE, "Exploded")
            .endMetadata()
            .build();
    Secret badExit =
        new SecretBuilder(Golden.secret("build-brig.yaml"))
            .editMetadata()
            .addToAnnotations(KubeherdAnnotations.PHASE, "Failed")
            .addToAnnotations(KubeherdAnnotations.EXIT_CODE, "one")
            .endMetadata()
            .build();

    assertThatThrownBy(() -> BuildSecrets.decode(badData))
        .hasMessageContaining("data.payload is not valid base64");
    assertThatThrownBy(() -> BuildSecrets.decode(badPhase))
        .hasMessageContaining("kubeherd.dev/phase is \"Exploded\"");
    assertThatThrownBy(() -> BuildSecrets.decode(badExit))
        .isInstanceOf(InvalidBuildSecretException.class)
        .hasMessageContaining("kubeherd.dev/exit-code is \"one\", not a number");
  }

  @Test
  void longMessagesAreCutToFitTheAnnotationBudget() {
    BuildStatus s =
        BuildStatus.pending()
            .finished(false, 1, Instant.EPOCH, "x".repeat(StatusAnnotations.MAX_MESSAGE + 10));

    assertThat(StatusAnnotations.write(s).get(KubeherdAnnotations.MESSAGE))
        .hasSize(StatusAnnotations.MAX_MESSAGE);
    assertThat(Optional.of(s.phase())).contains(BuildPhase.FAILED);
  }
}
