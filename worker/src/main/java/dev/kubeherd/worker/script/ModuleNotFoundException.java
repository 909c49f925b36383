package dev.kubeherd.worker.script;

import dev.kubeherd.core.KubeherdException;

/** A {@code require}d module is not in the checkout. */
public final class ModuleNotFoundException extends KubeherdException {
  public ModuleNotFoundException(String message) {
    super(message);
  }
}
