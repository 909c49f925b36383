package dev.kubeherd.core.service;

import dev.kubeherd.core.port.BuildStore;
import java.util.List;

/** Undoing stored builds when the delivery they belong to cannot be accepted after all. */
public final class BuildCleanup {
  private BuildCleanup() {}

  /**
   * Deletes {@code buildIds} because {@code failure} stops their delivery from being acknowledged:
   * the caller answers 503, and the redelivery must then be the event's only run. A build that
   * cannot be deleted is added to {@code failure} as a suppressed exception.
   */
  public static void deleteAfter(
      RuntimeException failure, BuildStore builds, List<String> buildIds) {
    for (String id : buildIds) {
      try {
        builds.delete(id);
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
