package dev.kubeherd.worker.source;

import java.io.IOException;

/**
 * Fetching one submodule failed; names the submodule and its URL (without credentials), and whether
 * the project's credentials were offered to it (only when it is on the cloneURL's origin).
 */
final class SubmoduleFetchException extends IOException {
  private final boolean credentialsOffered;

  SubmoduleFetchException(String path, String url, boolean credentialsOffered, Exception cause) {
    super("submodule '" + path + "' (" + url + ") could not be fetched", cause);
    this.credentialsOffered = credentialsOffered;
  }

  boolean credentialsOffered() {
    return credentialsOffered;
  }
}
