package dev.kubeherd.toolkit.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * A namespace's pipeline: whether the engine Deployment exists and is Available, and the projects.
 */
public record PipelineStatus(
    String namespace,
    boolean engineInstalled,
    boolean engineAvailable,
    List<String> projects,
    Optional<String> engineDeployment) {

  public PipelineStatus {
    projects = List.copyOf(projects);
  }

  /** An engine and a project exist ({@code brigadm status} exits 0). */
  public boolean installed() {
    return engineInstalled && !projects.isEmpty();
  }

  /** Installed and the engine is Available ({@code brigadm wait init} is done). */
  public boolean ready() {
    return engineAvailable && !projects.isEmpty();
  }

  /** One line for people: what is there and what is missing. */
  public String describe() {
    String engine =
        !engineInstalled
            ? "engine missing"
            : engineAvailable ? "engine available" : "engine installed, not yet available";
    String project = projects.isEmpty() ? "no project" : "project " + String.join(", ", projects);
    return "namespace " + namespace + ": " + engine + ", " + project;
  }
}
