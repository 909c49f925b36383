package dev.kubeherd.gateway.status;

import dev.kubeherd.core.KubeherdException;

/** The GitHub App private key cannot be used; the message says which file and what to do. */
public final class InvalidAppKeyException extends KubeherdException {
  public InvalidAppKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
