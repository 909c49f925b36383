package dev.kubeherd.kube.store;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fabric8 mock API server in CRUD mode that fails the next few requests of one method and path
 * with a given status: after applying them ({@link #loseAnswers}: a 504 after etcd committed the
 * write, its answer lost) or without ({@link #fail}: a 504 before it, a 403 from RBAC).
 */
final class FaultyApiServer extends Dispatcher {
  static final String NAMESPACE = "default";

  private final KubernetesMixedDispatcher crud;
  private final KubernetesMockServer server;
  private final AtomicInteger toFail = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile Fault fault = new Fault("", "", 0, false, "");

  private record Fault(
      String method, String pathPrefix, int code, boolean applied, String message) {}

  private FaultyApiServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
    this.crud = new KubernetesMixedDispatcher(responses);
    this.server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()), new MockWebServer(), responses, this, false);
  }

  static FaultyApiServer start() {
    FaultyApiServer s = new FaultyApiServer();
    s.server.init();
    return s;
  }

  /**
   * A client as {@code KubeClients} makes it, but with {@code clientRetries} retries of its own
   * (production: 0).
   */
  KubernetesClient client(int clientRetries) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder()
                .withMasterUrl(server.url("/"))
                .withTrustCerts(true)
                .withRequestRetryBackoffLimit(clientRetries)
                .withRequestRetryBackoffInterval(1)
                .withNamespace(NAMESPACE)
                .build())
        .build();
  }

  /** The next {@code count} requests with {@code method} are applied, then answered 504. */
  void loseAnswers(String method, int count) {
    arm(new Fault(method, "/", 504, true, "failed by the test (HTTP 504)"), count);
  }

  /**
   * The next {@code count} requests with {@code method} to a path starting with {@code pathPrefix}
   * are answered {@code code} and not applied.
   */
  void fail(String method, String pathPrefix, int code, int count) {
    fail(method, pathPrefix, code, count, "failed by the test (HTTP " + code + ")");
  }

  /** As {@link #fail(String, String, int, int)}, with {@code message} in the Status answered. */
  void fail(String method, String pathPrefix, int code, int count, String message) {
    arm(new Fault(method, pathPrefix, code, false, message), count);
  }

  private void arm(Fault f, int count) {
    fault = f;
    toFail.set(count);
  }

  /** How many requests were failed so far. */
  int failed() {
    return failed.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Fault f = fault;
    if (!request.getMethod().equals(f.method())
        || !request.getPath().startsWith(f.pathPrefix())
        || toFail.getAndDecrement() <= 0) {
      return crud.dispatch(request);
    }
    if (f.applied()) {
      crud.dispatch(request);
    }
    failed.incrementAndGet();
    return new MockResponse()
        .setResponseCode(f.code())
        .setBody(
            Serialization.asJson(
                new StatusBuilder().withCode(f.code()).withMessage(f.message()).build()));
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }

  void stop() {
    server.destroy();
  }
}
