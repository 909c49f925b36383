package dev.kubeherd.controller;

/**
 * How many builds may run at once: in total and per project. {@code 0} means no limit.
 *
 * @param maxRunning builds running at once across all projects
 * @param maxRunningPerProject builds of one project running at once
 */
public record AdmissionLimits(int maxRunning, int maxRunningPerProject) {
  public static final AdmissionLimits UNLIMITED = new AdmissionLimits(0, 0);

  public AdmissionLimits {
    if (maxRunning < 0 || maxRunningPerProject < 0) {
      throw new IllegalArgumentException(
          "limits must be 0 (no limit) or positive, were "
              + maxRunning
              + " and "
              + maxRunningPerProject);
    }
  }

  boolean globalAllows(int running) {
    return maxRunning == 0 || running < maxRunning;
  }

  boolean projectAllows(int running) {
    return maxRunningPerProject == 0 || running < maxRunningPerProject;
  }
}
