package dev.kubeherd.kube.store;

import io.fabric8.kubernetes.api.model.StatusBuilder;
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
 * A fabric8 mock API server in CRUD mode that answers the next few requests of a method with 504
 * Gateway Timeout: after applying them ({@link #loseAnswers}: the write was committed, its answer
 * lost) or without ({@link #failUnapplied}).
 */
final class LostAnswerServer extends Dispatcher {
  private final KubernetesMixedDispatcher crud;
  private final KubernetesMockServer server;
  private volatile String method = "";
  private final AtomicInteger toLose = new AtomicInteger();
  private volatile boolean apply;
  private final AtomicInteger failed = new AtomicInteger();

  private LostAnswerServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
    this.crud = new KubernetesMixedDispatcher(responses);
    this.server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()), new MockWebServer(), responses, this, false);
  }

  static LostAnswerServer start() {
    LostAnswerServer s = new LostAnswerServer();
    s.server.init();
    return s;
  }

  KubernetesMockServer server() {
    return server;
  }

  /** The next {@code count} requests with {@code httpMethod} are applied, then answered 504. */
  void loseAnswers(String httpMethod, int count) {
    fail(httpMethod, count, true);
  }

  /** The next {@code count} requests with {@code httpMethod} are answered 504 and not applied. */
  void failUnapplied(String httpMethod, int count) {
    fail(httpMethod, count, false);
  }

  private void fail(String httpMethod, int count, boolean applied) {
    apply = applied;
    method = httpMethod;
    toLose.set(count);
  }

  /** How many requests were answered 504 so far. */
  int failed() {
    return failed.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!request.getMethod().equals(method) || toLose.getAndDecrement() <= 0) {
      return crud.dispatch(request);
    }
    if (apply) {
      crud.dispatch(request);
    }
    failed.incrementAndGet();
    return new MockResponse()
        .setResponseCode(504)
        .setBody(
            Serialization.asJson(
                new StatusBuilder()
                    .withCode(504)
                    .withReason("Timeout")
                    .withMessage("the server was unable to return a response in the time allotted")
                    .build()));
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }

  void stop() {
    server.destroy();
  }
}
