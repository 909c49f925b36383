package dev.kubeherd.testsupport.kube;

/** How a simulated container ended: its exit code and everything it printed. */
public record PodOutcome(int exitCode, String log) {

  public static PodOutcome succeeded(String log) {
    return new PodOutcome(0, log);
  }
}
