package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The CRUD-plus-expectations dispatcher of {@code @EnableKubernetesMockClient(crud = true)}, with
 * one fix: closing a watch never freezes the server.
 *
 * <p>fabric8 8.0.0's watch listener, when its WebSocket closes, waits (up to a minute) on the event
 * loop for its send thread to finish; a send in flight waits (up to 30 s) for that same event loop
 * to write the frame. Every watch closed while events still flowed to it thus froze the whole mock
 * API server for 30 s or more: a controller restarted mid-burst stalled its test for minutes on a
 * slow machine. Before the listener's own close runs, this stops its send thread at once ({@code
 * shutdownNow} interrupts the waiting write and drops the queued events, which the closed socket
 * could not carry anyway). The close still runs on the event loop, as the listener expects.
 */
public final class WatchSafeDispatcher extends Dispatcher
    implements Resetable, CustomResourceAware {
  private static final Field SENDER = senderField();

  private final KubernetesMixedDispatcher delegate;

  private WatchSafeDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
    this.delegate = new KubernetesMixedDispatcher(responses);
  }

  /**
   * A CRUD mock server that also answers {@code server.expect()} expectations (pod logs), both on
   * one map as in {@code @EnableKubernetesMockClient(crud = true)}. Call {@code init} to start it.
   *
   * <p>The map is concurrent: the {@link PodSimulator} registers each finished pod's log from that
   * pod's thread while the server answers requests, and with fabric8's plain {@code HashMap} two
   * pods ending at once could throw a {@code ConcurrentModificationException}, so a pod never
   * finished and its test waited until it timed out.
   */
  public static KubernetesMockServer newCrudServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
    return new KubernetesMockServer(
        new Context(Serialization.jsonMapper()),
        new MockWebServer(),
        responses,
        new WatchSafeDispatcher(responses),
        false);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = delegate.dispatch(request);
    WebSocketListener listener = response.getWebSocketListener();
    if (SENDER.getDeclaringClass().isInstance(listener)) {
      response.withWebSocketUpgrade(new StopSendingOnClose(listener));
    }
    return response;
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public void reset() {
    delegate.reset();
  }

  @Override
  public void expectCustomResource(CustomResourceDefinitionContext context) {
    delegate.expectCustomResource(context);
  }

  private static Field senderField() {
    try {
      Field field =
          Class.forName("io.fabric8.kubernetes.client.server.mock.WatchEventsListener")
              .getDeclaredField("executor");
      field.setAccessible(true);
      return field;
    } catch (ClassNotFoundException | NoSuchFieldException e) {
      throw new IllegalStateException(
          "fabric8's WatchEventsListener has no send executor any more: check whether the"
              + " watch-close stall is fixed upstream and drop or adapt WatchSafeDispatcher",
          e);
    }
  }

  private static void stopSending(WebSocketListener watch) {
    try {
      ((ExecutorService) SENDER.get(watch)).shutdownNow();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot reach the watch listener's send executor", e);
    }
  }

  /** Passes every callback on; the two close callbacks first stop the send thread. */
  private static final class StopSendingOnClose extends WebSocketListener {
    private final WebSocketListener target;

    StopSendingOnClose(WebSocketListener target) {
      this.target = target;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      target.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      target.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      target.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      target.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      target.onMessage(webSocket, bytes);
    }

    @Override
    public void onPing(WebSocket webSocket, byte[] payload) {
      target.onPing(webSocket, payload);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      target.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      stopSending(target);
      target.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
      stopSending(target);
      target.onFailure(webSocket, failure, response);
    }
  }
}
