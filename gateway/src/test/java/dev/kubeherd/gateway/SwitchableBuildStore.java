package dev.kubeherd.gateway;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ForwardingBuildStore;

/**
 * A real build store that can be switched "down": then {@link #create} fails as an unreachable API
 * server does, with {@link StoreUnavailableException}, and stores nothing.
 */
public final class SwitchableBuildStore extends ForwardingBuildStore {
  private volatile boolean down;

  public SwitchableBuildStore(BuildStore delegate) {
    super(delegate);
  }

  public void down(boolean isDown) {
    this.down = isDown;
  }

  @Override
  public Build create(BuildRequest request) {
    if (down) {
      throw new StoreUnavailableException(
          "create build: the API server does not answer (connection refused)");
    }
    return delegate.create(request);
  }
}
