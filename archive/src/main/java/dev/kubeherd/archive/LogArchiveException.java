package dev.kubeherd.archive;

import dev.kubeherd.core.KubeherdException;

/** An S3 call of the log archive failed; the message names the object and what to check. */
public final class LogArchiveException extends KubeherdException {
  public LogArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
