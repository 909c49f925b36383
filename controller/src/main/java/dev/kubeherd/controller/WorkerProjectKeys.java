package dev.kubeherd.controller;

/**
 * Brigade v1 project Secret keys only the controller reads (the shared ones are in {@link
 * dev.kubeherd.core.model.ProjectKeys}; {@code serviceAccount} is {@link
 * dev.kubeherd.kube.job.JobServiceAccountRule#PROJECT_KEY}).
 */
final class WorkerProjectKeys {
  static final String IMAGE_PULL_SECRETS = "imagePullSecrets";
  static final String WORKER_COMMAND = "workerCommand";
  static final String WORKER_REGISTRY = "worker.registry";
  static final String WORKER_NAME = "worker.name";
  static final String WORKER_TAG = "worker.tag";
  static final String WORKER_PULL_POLICY = "worker.pullPolicy";
  static final String DEFAULT_SCRIPT_NAME = "defaultScriptName";
  static final String DEFAULT_CONFIG_NAME = "defaultConfigName";

  private WorkerProjectKeys() {}
}
