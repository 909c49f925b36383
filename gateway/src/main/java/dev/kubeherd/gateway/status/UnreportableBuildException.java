package dev.kubeherd.gateway.status;

import dev.kubeherd.core.KubeherdException;

/** A GitHub build whose payload lacks what a status needs (repository, commit, deployment). */
final class UnreportableBuildException extends KubeherdException {
  UnreportableBuildException(String message) {
    super(message);
  }
}
