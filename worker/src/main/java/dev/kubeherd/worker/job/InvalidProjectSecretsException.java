package dev.kubeherd.worker.job;

import dev.kubeherd.core.KubeherdException;

/**
 * The project's {@code secrets} value is not JSON. The message says where and what to fix, never
 * any of the value itself (it holds secrets that the masking of logs cannot recognise yet).
 */
public class InvalidProjectSecretsException extends KubeherdException {
  public InvalidProjectSecretsException(String message) {
    super(message);
  }
}
