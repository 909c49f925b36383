package dev.kubeherd.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** The fabric8 mock API server as the JUnit extension makes it: CRUD plus expectations. */
final class MockApiServer {
  private MockApiServer() {}

  /**
   * CRUD mode that also answers {@code server.expect()} expectations (pod logs): both share one
   * map, as in {@code @EnableKubernetesMockClient(crud = true)}. Call {@code init} to start it.
   */
  static KubernetesMockServer crudWithExpectations() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    return new KubernetesMockServer(
        new Context(),
        new MockWebServer(),
        responses,
        new KubernetesMixedDispatcher(responses),
        false);
  }
}
