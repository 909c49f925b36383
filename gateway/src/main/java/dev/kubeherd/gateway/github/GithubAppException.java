package dev.kubeherd.gateway.github;

import dev.kubeherd.core.KubeherdException;

/** A call the gateway made as its GitHub App failed; the message says which and why. */
public class GithubAppException extends KubeherdException {
  public GithubAppException(String message, Throwable cause) {
    super(message, cause);
  }
}
