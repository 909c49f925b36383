package dev.kubeherd.worker.job;

import dev.kubeherd.core.KubeherdException;

/** A job the script set up so that it cannot run (e.g. a {@code timeout} that is no number). */
public final class InvalidJobException extends KubeherdException {
  private final String jobName;

  public InvalidJobException(String jobName, String message) {
    super(message);
    this.jobName = jobName;
  }

  /** The job's name, for the {@code job <name>(<pod>): ...} rejection. */
  public String jobName() {
    return jobName;
  }
}
