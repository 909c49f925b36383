package dev.kubeherd.kube.store;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.kube.brigade.BuildSecrets;
import dev.kubeherd.kube.brigade.InvalidBuildSecretException;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds from an informer on the namespace's Secrets labelled {@code build} other than job Secrets
 * ({@link BuildSecretLookup#candidates}: {@code component=build} is not required, as v1 did not
 * require it), without periodic resync. Secrets of a type other than {@code brigade.sh/build} are
 * ignored, as v1's controller ignores them (filtered here rather than by a field selector, which
 * the mock server does not honour). An unreadable build Secret is reported once per change, and not
 * at all once it is marked {@code Failed}, so a controller that fails it is not told again.
 * Deletions are not reported.
 */
public final class SecretBuildFeed implements BuildFeed {
  private static final Logger LOG = LoggerFactory.getLogger(SecretBuildFeed.class);

  private final KubernetesClient client;
  private final String namespace;

  public SecretBuildFeed(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Returns once the informer has listed the existing build Secrets. */
  @Override
  public Subscription subscribe(Listener listener) {
    SharedIndexInformer<Secret> informer =
        BuildSecretLookup.candidates(client.secrets().inNamespace(namespace))
            .inform(new Handler(listener), 0);
    return informer::close;
  }

  private record Handler(Listener listener) implements ResourceEventHandler<Secret> {
    @Override
    public void onAdd(Secret secret) {
      deliver(secret);
    }

    @Override
    public void onUpdate(Secret before, Secret after) {
      if (!Objects.equals(
          before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
        deliver(after);
      }
    }

    @Override
    public void onDelete(Secret secret, boolean finalStateUnknown) {}

    private void deliver(Secret secret) {
      try {
        decodeAndDeliver(secret);
      } catch (RuntimeException e) {
        LOG.error("Build listener failed on Secret {}", secret.getMetadata().getName(), e);
      }
    }

    private void decodeAndDeliver(Secret secret) {
      if (!BuildSecrets.isBuild(secret)) {
        LOG.debug(
            "Ignoring Secret {} of type {}", secret.getMetadata().getName(), secret.getType());
        return;
      }
      try {
        listener.build(BuildSecrets.decode(secret));
      } catch (InvalidBuildSecretException e) {
        if (!markedFailed(secret)) {
          LOG.warn("{}", e.getMessage());
          listener.invalid(new InvalidBuild(e.secretName(), e.buildId(), e.reason()));
        }
      }
    }

    private static boolean markedFailed(Secret secret) {
      Map<String, String> a = secret.getMetadata().getAnnotations();
      return a != null
          && BuildPhase.FAILED.display().equalsIgnoreCase(a.get(KubeherdAnnotations.PHASE));
    }
  }
}
