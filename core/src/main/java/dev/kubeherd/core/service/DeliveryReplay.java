package dev.kubeherd.core.service;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.DeliveryNotFoundException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.ProjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stored webhook delivery again: every build it created is stored anew (new IDs, same event,
 * revision and payload, after a {@code refresh} such as a new token for a payload that carries
 * one), as if GitHub had sent it for the first time. All of its builds are stored or none: when one
 * cannot be, those stored before it are withdrawn before the failure is reported, so retrying the
 * replay runs the event once. The delivery's record is left as it is, so a later redelivery from
 * GitHub still maps to the original builds.
 */
public final class DeliveryReplay {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryReplay.class);

  private final Deliveries deliveries;
  private final BuildStore builds;
  private final ProjectStore projects;
  private final UnaryOperator<BuildRequest> refresh;

  public DeliveryReplay(Deliveries deliveries, BuildStore builds, ProjectStore projects) {
    this(deliveries, builds, projects, UnaryOperator.identity());
  }

  /**
   * @param refresh applied to each build's request before anything is stored; it may throw, and
   *     then nothing is
   */
  public DeliveryReplay(
      Deliveries deliveries,
      BuildStore builds,
      ProjectStore projects,
      UnaryOperator<BuildRequest> refresh) {
    this.deliveries = deliveries;
    this.builds = builds;
    this.projects = projects;
    this.refresh = refresh;
  }

  /**
   * @param original the builds the delivery created first
   * @param replayed the builds this replay created, in the same order
   */
  public record Result(String deliveryId, List<String> original, List<String> replayed) {
    public Result {
      original = List.copyOf(original);
      replayed = List.copyOf(replayed);
    }
  }

  /**
   * @throws DeliveryNotFoundException when the delivery was never stored
   * @throws BuildNotFoundException when one of its builds was deleted since (vacuum); nothing is
   *     created then
   * @throws ProjectNotFoundException when the project of one of its builds was deleted since;
   *     nothing is created then
   */
  public Result replay(String deliveryId) {
    List<String> original =
        deliveries
            .find(deliveryId)
            .orElseThrow(
                () ->
                    new DeliveryNotFoundException(
                        "no delivery "
                            + deliveryId
                            + " is stored; only deliveries that were answered 2xx can be"
                            + " replayed (redeliver a failed one from GitHub)"));
    List<Build> stored = new ArrayList<>();
    for (String id : original) {
      stored.add(
          builds
              .find(id)
              .orElseThrow(
                  () ->
                      new BuildNotFoundException(
                          "build "
                              + id
                              + " of delivery "
                              + deliveryId
                              + " is no longer stored (vacuumed?), so it cannot be replayed;"
                              + " run its other builds again with brig rerun <build ID> (a"
                              + " redelivery from GitHub is answered with the stored builds and"
                              + " runs nothing while any of them is kept)")));
    }
    for (Build build : stored) {
      if (projects.find(build.projectId()).isEmpty()) {
        throw new ProjectNotFoundException(
            "the project "
                + build.projectId()
                + " of build "
                + build.id()
                + " (delivery "
                + deliveryId
                + ") no longer exists; create it again first, then replay");
      }
    }
    List<BuildRequest> requests = stored.stream().map(b -> refresh.apply(b.request())).toList();
    List<String> replayed = BuildCleanup.storeAllOrNone(builds, requests);
    LOG.info("Delivery {} replayed: builds {} as {}", deliveryId, original, replayed);
    return new Result(deliveryId, original, replayed);
  }
}
