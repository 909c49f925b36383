package dev.kubeherd.core.service;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ForwardingBuildStore;

/** A real store, except that every second create fails as an unreachable store does. */
final class SecondCreateFails extends ForwardingBuildStore {
  private int creates;

  SecondCreateFails(BuildStore delegate) {
    super(delegate);
  }

  @Override
  public Build create(BuildRequest request) {
    if (++creates % 2 == 0) {
      throw new StoreUnavailableException("create build: the store does not answer");
    }
    return delegate.create(request);
  }
}
