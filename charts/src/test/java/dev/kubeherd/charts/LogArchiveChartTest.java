package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.archive.ArchiveSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's {@code logArchive} block: the controller (which archives) and the gateway (which
 * reads archived logs) get the archive's environment when a bucket is set, nothing otherwise; the
 * worker pool, which only writes logs, never does.
 */
class LogArchiveChartTest {
  private static final String CONTROLLER = "ci-kubeherd-controller";
  private static final String GATEWAY = "ci-kubeherd-gateway";
  private static final String POOL = "ci-kubeherd-worker-pool";
  private static final String SECRET = "kubeherd-log-archive";

  /** What the settle delay is when the chart leaves it unset (the caller's default). */
  private static final Duration CALLER_SETTLE = Duration.ofMillis(7500);

  /** Names the archive reads: its own settings and the AWS SDK's. */
  private static final Predicate<String> ARCHIVE_ENV =
      name -> name.startsWith("KUBEHERD_LOG_ARCHIVE_") || name.startsWith("AWS_");

  private static Charts.Render withBucket() {
    return Charts.render(Charts.KUBEHERD).set("logArchive.bucket", "ci-logs");
  }

  private static Container container(Rendered r, String deployment) {
    return Pods.container(r.named(Deployment.class, deployment));
  }

  /** The container's archive variables with their plain values (references resolve to null). */
  private static Map<String, String> archiveEnv(Container c) {
    return Pods.env(c).values().stream()
        .filter(e -> ARCHIVE_ENV.test(e.getName()))
        .collect(
            Collectors.toMap(
                EnvVar::getName, e -> String.valueOf(e.getValue()), (a, b) -> a, TreeMap::new));
  }

  private static SecretKeySelector secretRef(Container c, String name) {
    EnvVar e = Pods.env(c).get(name);
    assertThat(e).as(name).isNotNull();
    assertThat(e.getValue()).as(name + " has no literal value").isNull();
    return e.getValueFrom().getSecretKeyRef();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {CONTROLLER, GATEWAY})
  void bucketAloneSetsTheArchiveDefaultsAndLeavesCredentialsToTheSdkChain(String deployment) {
    Container c = container(withBucket().objects(), deployment);

    assertThat(archiveEnv(c))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "KUBEHERD_LOG_ARCHIVE_BUCKET", "ci-logs",
                "KUBEHERD_LOG_ARCHIVE_PREFIX", "kubeherd-logs",
                "KUBEHERD_LOG_ARCHIVE_RETENTION_DAYS", "0",
                "KUBEHERD_LOG_ARCHIVE_MAX_HOLD_HOURS", "24",
                "AWS_REGION", "us-east-1"));
    ArchiveSettings settings =
        ArchiveSettings.fromEnv(Pods.resolvedEnv(c, "pod"), CALLER_SETTLE).orElseThrow();
    assertThat(settings.bucket()).isEqualTo("ci-logs");
    assertThat(settings.retention()).as("kept forever").isEqualTo(Duration.ZERO);
    assertThat(settings.settle()).as("the process's own default").isEqualTo(CALLER_SETTLE);
    assertThat(settings.maxHold()).isEqualTo(ArchiveSettings.DEFAULT_MAX_HOLD);
    assertThat(settings.endpoint()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {CONTROLLER, GATEWAY})
  void everyArchiveValueReachesTheProcessAsTheArchiveReadsIt(String deployment) {
    Container c =
        container(
            withBucket()
                .set("logArchive.prefix", "/ci/logs/")
                .set("logArchive.retentionDays", 90)
                .set("logArchive.settleSeconds", 20)
                .set("logArchive.maxHoldHours", 6)
                .set("logArchive.region", "eu-west-1")
                .set("logArchive.endpoint", "http://minio.storage:9000")
                .objects(),
            deployment);

    assertThat(archiveEnv(c))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "KUBEHERD_LOG_ARCHIVE_BUCKET", "ci-logs",
                "KUBEHERD_LOG_ARCHIVE_PREFIX", "/ci/logs/",
                "KUBEHERD_LOG_ARCHIVE_RETENTION_DAYS", "90",
                "KUBEHERD_LOG_ARCHIVE_SETTLE_SECONDS", "20",
                "KUBEHERD_LOG_ARCHIVE_MAX_HOLD_HOURS", "6",
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://minio.storage:9000"));
    ArchiveSettings settings =
        ArchiveSettings.fromEnv(Pods.resolvedEnv(c, "pod"), CALLER_SETTLE).orElseThrow();
    assertThat(settings.prefix()).isEqualTo("ci/logs");
    assertThat(settings.retention()).isEqualTo(Duration.ofDays(90));
    assertThat(settings.settle()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.maxHold()).isEqualTo(Duration.ofHours(6));
    assertThat(settings.region()).isEqualTo("eu-west-1");
    assertThat(settings.endpoint()).isEqualTo(Optional.of(URI.create("http://minio.storage:9000")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {CONTROLLER, GATEWAY})
  void namedSecretSuppliesTheKeysByReferenceWithAnOptionalSessionToken(String deployment) {
    Rendered r = withBucket().set("logArchive.existingSecret", SECRET).objects();
    Container c = container(r, deployment);

    for (String key : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
      SecretKeySelector ref = secretRef(c, key);
      assertThat(ref.getName()).isEqualTo(SECRET);
      assertThat(ref.getKey()).isEqualTo(key);
      assertThat(ref.getOptional()).as(key + " is required").isNotEqualTo(Boolean.TRUE);
    }
    SecretKeySelector token = secretRef(c, "AWS_SESSION_TOKEN");
    assertThat(token.getName()).isEqualTo(SECRET);
    assertThat(token.getKey()).isEqualTo("AWS_SESSION_TOKEN");
    assertThat(token.getOptional()).isTrue();
    assertThat(archiveEnv(c).keySet())
        .containsExactlyInAnyOrder(
            "KUBEHERD_LOG_ARCHIVE_BUCKET",
            "KUBEHERD_LOG_ARCHIVE_PREFIX",
            "KUBEHERD_LOG_ARCHIVE_RETENTION_DAYS",
            "KUBEHERD_LOG_ARCHIVE_MAX_HOLD_HOURS",
            "AWS_REGION",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN");
    assertThat(r.all(Secret.class))
        .as("the chart references the Secret, never creates one with keys")
        .noneMatch(s -> SECRET.equals(s.getMetadata().getName()));
  }

  @Test
  void withoutABucketNoContainerGetsAnyArchiveVariableWhateverElseIsSet() {
    Rendered r =
        Charts.render(Charts.KUBEHERD)
            .set("workerPool.enabled", "true")
            .set("logArchive.existingSecret", SECRET)
            .set("logArchive.endpoint", "http://minio.storage:9000")
            .set("logArchive.retentionDays", 30)
            .objects();

    assertThat(r.all(Deployment.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(CONTROLLER, GATEWAY, POOL);
    for (Deployment d : r.all(Deployment.class)) {
      assertThat(archiveEnv(Pods.container(d))).as(d.getMetadata().getName()).isEmpty();
    }
  }

  @Test
  void workerPoolGetsNoArchiveVariablesSinceItOnlyWritesLogs() {
    Rendered r =
        withBucket()
            .set("workerPool.enabled", "true")
            .set("logArchive.existingSecret", SECRET)
            .objects();

    assertThat(archiveEnv(container(r, POOL))).isEmpty();
    assertThat(archiveEnv(container(r, CONTROLLER))).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({CONTROLLER + ", controller", GATEWAY + ", gateway"})
  void extraEnvComesAfterTheArchiveSettingsSoItWins(String deployment, String component) {
    Container c =
        container(
            withBucket()
                .set(component + ".extraEnv[0].name", "KUBEHERD_LOG_ARCHIVE_PREFIX")
                .set(component + ".extraEnv[0].value", "override")
                .objects(),
            deployment);

    List<String> names = c.getEnv().stream().map(EnvVar::getName).toList();
    int fromChart = names.indexOf("KUBEHERD_LOG_ARCHIVE_PREFIX");
    int fromExtraEnv = names.lastIndexOf("KUBEHERD_LOG_ARCHIVE_PREFIX");
    assertThat(fromExtraEnv)
        .as("extraEnv is last, so Kubernetes keeps its value")
        .isGreaterThan(fromChart);
    assertThat(c.getEnv().get(fromExtraEnv).getValue()).isEqualTo("override");
    assertThat(names.subList(fromExtraEnv + 1, names.size())).isEmpty();
  }

  @Test
  void serviceAccountAnnotationsOfControllerAndGatewayAllowIrsa() {
    String role = "arn:aws:iam::123456789012:role/kubeherd-log-archive";
    Rendered r =
        withBucket()
            .set("controller.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", role)
            .set("gateway.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", role)
            .objects();

    for (String name : List.of(CONTROLLER, GATEWAY)) {
      assertThat(r.named(ServiceAccount.class, name).getMetadata().getAnnotations())
          .as(name)
          .containsEntry("eks.amazonaws.com/role-arn", role);
    }
    assertThat(
            Charts.render(Charts.KUBEHERD)
                .objects()
                .named(ServiceAccount.class, CONTROLLER)
                .getMetadata()
                .getAnnotations())
        .as("no annotations by default")
        .isNullOrEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "logArchive.retentionDays, -1, /logArchive/retentionDays, minimum: got -1, want 0",
    "logArchive.settleSeconds, -5, /logArchive/settleSeconds, minimum: got -5, want 0",
    "logArchive.maxHoldHours, 0, /logArchive/maxHoldHours, minimum: got 0, want 1",
    "logArchive.retentionDays, a month, /logArchive/retentionDays, got string, want integer",
    "logArchive.endpoint, minio:9000, /logArchive/endpoint, does not match pattern",
    "logArchive.bucket, ci logs, /logArchive/bucket, does not match pattern",
    "logArchive.accessKey, AKIA, /logArchive, additional properties 'accessKey' not allowed",
  })
  void archiveValueAgainstTheSchemaFailsNamingIt(
      String key, String value, String named, String why) {
    String error = withBucket().set(key, value).failure();

    assertThat(error)
        .contains("values don't meet the specifications of the schema")
        .contains(named)
        .contains(why);
  }
}
