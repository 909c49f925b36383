package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.StoreUnavailableException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KubeRetryTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final KubeRetry retry =
      new KubeRetry(4, Duration.ofMillis(100), Duration.ofMillis(250), sleeps::add);

  private static KubernetesClientException http(int code) {
    return new KubernetesClientException("HTTP " + code, code, null);
  }

  @Test
  void transientFailuresAreRetriedWithGrowingBoundedPauses() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        retry.call(
            "get x",
            () -> {
              if (calls.incrementAndGet() < 4) {
                throw http(calls.get() == 1 ? 503 : 0);
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
  }

  @Test
  void givingUpNamesTheCallTheAttemptsAndWhatToCheck() {
    assertThatThrownBy(
            () ->
                retry.call(
                    "get build Secret brigade-worker-x",
                    () -> {
                      throw http(500);
                    }))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith(
            "Could not get build Secret brigade-worker-x (HTTP 500, 4 attempts)")
        .hasMessageContaining("API server");
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void forbiddenIsNotRetriedAndPointsAtRbac() {
    assertThatThrownBy(
            () ->
                retry.call(
                    "list Secrets",
                    () -> {
                      throw http(403);
                    }))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("1 attempt")
        .hasMessageContaining("RBAC");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void conflictsAreRetriedOnlyForReadModifyWrite() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                retry.call(
                    "update",
                    () -> {
                      throw http(409);
                    }))
        .isInstanceOf(StoreUnavailableException.class);
    boolean done =
        retry.onConflict(
            "update",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw http(409);
              }
              return true;
            });

    assertThat(done).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void invalidObjectIsNotRetriedAndGivesTheServersReasonNotAHealthHint() {
    Status status =
        new StatusBuilder()
            .withCode(422)
            .withReason("Invalid")
            .withMessage("Secret \"p\" is invalid: type: Invalid value: field is immutable")
            .build();

    assertThatThrownBy(
            () ->
                retry.call(
                    "replace project Secret p",
                    () -> {
                      throw new KubernetesClientException(status);
                    }))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith(
            "Could not replace project Secret p: the Kubernetes API server rejected the object as"
                + " invalid (HTTP 422): Secret \"p\" is invalid: type: Invalid value: field is"
                + " immutable.")
        .hasMessageNotContaining("health");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void otherClientErrorsAreNotRetriedNorBlamedOnTheServersHealth() {
    for (int code : new int[] {400, 404, 413}) {
      assertThatThrownBy(
              () ->
                  retry.call(
                      "update x",
                      () -> {
                        throw http(code);
                      }))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("(HTTP " + code + ", 1 attempt)")
          .hasMessageNotContaining("health");
    }
    assertThat(sleeps).isEmpty();
  }
}
