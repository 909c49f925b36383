package dev.kubeherd.worker.run;

import dev.kubeherd.core.KubeherdException;

/**
 * The project names a {@code defaultScriptName} ConfigMap, no other script was found, and the
 * ConfigMap's {@code brigade.js} cannot be read: the build fails instead of passing silently.
 */
public final class MissingDefaultScriptException extends KubeherdException {
  public MissingDefaultScriptException(String message) {
    super(message);
  }
}
