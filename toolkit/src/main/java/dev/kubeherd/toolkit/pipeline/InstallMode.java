package dev.kubeherd.toolkit.pipeline;

/** What {@code brigadm init} may find in the namespace. */
public enum InstallMode {
  /** Create, or upgrade what is there (engine objects, the project's settings, key and script). */
  UPSERT,
  /** Create only: an existing project fails with exit code 4. */
  CREATE
}
