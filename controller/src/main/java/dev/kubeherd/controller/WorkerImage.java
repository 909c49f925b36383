package dev.kubeherd.controller;

import dev.kubeherd.core.model.Project;

/**
 * The worker image of a project: the controller's image split into name and tag at its last {@code
 * :} (none: tag {@code latest}); the project's {@code worker.name} replaces the name, {@code
 * worker.registry} prefixes it, {@code worker.tag} replaces the tag. Unlike v1, a {@code :} that is
 * part of a registry port ({@code host:5000/img}) is not taken for a tag separator.
 */
final class WorkerImage {
  private WorkerImage() {}

  static String resolve(String controllerImage, Project project) {
    String name = controllerImage;
    String tag = "latest";
    int colon = controllerImage.lastIndexOf(':');
    if (colon >= 0 && controllerImage.indexOf('/', colon) < 0) {
      name = controllerImage.substring(0, colon);
      tag = controllerImage.substring(colon + 1);
    }
    String projectName = project.value(WorkerProjectKeys.WORKER_NAME);
    if (!projectName.isEmpty()) {
      name = projectName;
    }
    String registry = project.value(WorkerProjectKeys.WORKER_REGISTRY);
    if (!registry.isEmpty()) {
      name = registry + "/" + name;
    }
    String projectTag = project.value(WorkerProjectKeys.WORKER_TAG);
    if (!projectTag.isEmpty()) {
      tag = projectTag;
    }
    return name + ":" + tag;
  }

  /** The project's {@code worker.pullPolicy}, else the controller's. */
  static String pullPolicy(String controllerPolicy, Project project) {
    String p = project.value(WorkerProjectKeys.WORKER_PULL_POLICY);
    return p.isEmpty() ? controllerPolicy : p;
  }
}
