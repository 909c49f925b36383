package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the mock API server of {@link EnableMockKube} and injects it and a client. */
public final class MockKubeExtension implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(MockKubeExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    KubernetesMockServer server = WatchSafeDispatcher.newCrudServer();
    server.init();
    KubernetesClient client = server.createClient();
    context.getStore(STORE).put("server", server);
    context.getStore(STORE).put("client", client);
    for (Class<?> type = context.getRequiredTestClass();
        type != null;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        inject(field, server, client);
      }
    }
  }

  private static void inject(Field field, KubernetesMockServer server, KubernetesClient client)
      throws IllegalAccessException {
    Object value =
        field.getType() == KubernetesMockServer.class
            ? server
            : KubernetesClient.class.isAssignableFrom(field.getType())
                    && field.getType().isInstance(client)
                ? client
                : null;
    if (value == null || !Modifier.isStatic(field.getModifiers())) {
      return; // instance fields are the test's own (e.g. a second client it makes)
    }
    field.setAccessible(true);
    field.set(null, value);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    KubernetesClient client = context.getStore(STORE).remove("client", KubernetesClient.class);
    KubernetesMockServer server =
        context.getStore(STORE).remove("server", KubernetesMockServer.class);
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.destroy();
    }
  }
}
