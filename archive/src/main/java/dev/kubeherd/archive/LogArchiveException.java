package dev.kubeherd.archive;

import dev.kubeherd.core.StoreUnavailableException;

/**
 * An S3 call of the log archive failed; the message names the object and what to check. A store
 * that does not answer, so readers (the dashboard: 503) treat it as unavailable, not as a bug.
 */
public final class LogArchiveException extends StoreUnavailableException {
  public LogArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
