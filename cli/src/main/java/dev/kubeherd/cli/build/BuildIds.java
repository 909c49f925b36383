package dev.kubeherd.cli.build;

import dev.kubeherd.cli.CliException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildStore;

/** Build lookups by ID, accepting the worker name ({@code brigade-worker-<id>}) too. */
public final class BuildIds {
  private BuildIds() {}

  public static String normalize(String idOrWorker) {
    return idOrWorker.startsWith(Build.WORKER_PREFIX)
        ? idOrWorker.substring(Build.WORKER_PREFIX.length())
        : idOrWorker;
  }

  public static Build require(BuildStore builds, String idOrWorker) {
    String id = normalize(idOrWorker);
    return builds.find(id).orElseThrow(() -> new CliException("build \"" + id + "\" not found"));
  }
}
