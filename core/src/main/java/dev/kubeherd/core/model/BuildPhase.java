package dev.kubeherd.core.model;

/** Build and job phases, named as Kubernetes pod phases because Brigade v1 reports those. */
public enum BuildPhase {
  PENDING("Pending"),
  RUNNING("Running"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  UNKNOWN("Unknown");

  private final String display;

  BuildPhase(String display) {
    this.display = display;
  }

  /** The pod-phase spelling brig prints ({@code Succeeded}, {@code Failed}, ...). */
  public String display() {
    return display;
  }

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
