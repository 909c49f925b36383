package dev.kubeherd.core.service;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storing a delivery's builds all or none, and withdrawing stored builds when the delivery they
 * belong to is not accepted after all. A build is visible to workers as soon as it is stored, so
 * one may have been claimed in the moment before its delivery failed: each build is therefore
 * claimed by the withdrawal first (exactly one claimant ever wins a build) and deleted only when
 * that claim won. A build a worker had already started is stopped instead (Failed, exit code 130,
 * saying why) and kept, never deleted under its worker. Where the store does not let the caller
 * delete (the Kubernetes gateway may not touch pods), a withdrawn build stays, Failed with the
 * reason, and never runs; the vacuum removes it later.
 */
public final class BuildCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(BuildCleanup.class);

  /** The name a withdrawal claims builds under; the status reporter does not report them. */
  public static final String CLAIMANT = "kubeherd-intake";

  private BuildCleanup() {}

  /**
   * Stores a build for each request, or none: when one cannot be stored, those stored before it are
   * withdrawn before the failure is reported, so the event's resend is its only run.
   *
   * @return the IDs, in the order of {@code requests}
   */
  public static List<String> storeAllOrNone(BuildStore builds, List<BuildRequest> requests) {
    List<String> ids = new ArrayList<>();
    try {
      for (BuildRequest request : requests) {
        ids.add(builds.create(request).id());
      }
    } catch (RuntimeException e) {
      withdrawAfter(e, builds, ids);
      throw e;
    }
    return ids;
  }

  /**
   * Withdraws {@code buildIds} because {@code failure} stops their delivery from being
   * acknowledged: the caller answers 503, and the redelivery must then be the event's only run. A
   * build that cannot be withdrawn is added to {@code failure} as a suppressed exception.
   */
  public static void withdrawAfter(
      RuntimeException failure, BuildStore builds, List<String> buildIds) {
    // the store's error stays in the log: the build's message is shown to users and on GitHub
    String why = "its delivery could not be recorded, so the sender was asked to deliver it again";
    for (String id : buildIds) {
      try {
        withdraw(builds, id, why);
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Withdraws {@code buildIds} because another process recorded their delivery first, with builds
   * of its own; a build that cannot be withdrawn is logged.
   */
  public static void withdrawDuplicates(BuildStore builds, List<String> buildIds) {
    for (String id : buildIds) {
      try {
        withdraw(builds, id, "another gateway stored the same delivery first and runs it");
      } catch (RuntimeException e) {
        LOG.warn("Could not withdraw duplicate build {}: {}", id, e.toString());
      }
    }
  }

  /**
   * Claims the build; only a build this claim won is deleted. Every withdrawn build is failed first
   * (unless it ended on its own), so one that cannot be deleted never runs. A claim that was lost
   * or failed leaves the build to whoever has it: it is failed (a worker stops on that), never
   * deleted under a worker.
   */
  private static void withdraw(BuildStore builds, String id, String why) {
    boolean ours;
    try {
      ours = builds.find(id).isPresent() && builds.claim(id, CLAIMANT);
    } catch (BuildNotFoundException e) {
      return; // gone already
    } catch (RuntimeException claimFailure) {
      try {
        builds.failUnlessEnded(id, BuildCancel.EXIT_CODE, Instant.now(), why);
      } catch (RuntimeException e) {
        claimFailure.addSuppressed(e);
      }
      throw claimFailure;
    }
    builds.failUnlessEnded(id, BuildCancel.EXIT_CODE, Instant.now(), why);
    if (ours) {
      builds.delete(id);
    } else {
      LOG.warn("Build {} had already started when it was withdrawn; it is stopped and kept", id);
    }
  }
}
