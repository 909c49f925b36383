package dev.kubeherd.gateway.generic;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.service.RecordedIntake;
import dev.kubeherd.gateway.JsonReply;
import dev.kubeherd.gateway.LogText;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one generic gateway request, in Brigade v1's order: project (400), path secret (401),
 * body (400), then the build is stored, durably, before the 200. CloudEvents are stored once per
 * project, {@code source} and {@code id}: a resent event is answered with its earlier build. A
 * store that is down is a 503 with nothing stored. Blocking: run it off the event loop. No Vert.x
 * here; the secret is never logged nor answered.
 */
public final class GenericReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(GenericReceiver.class);
  static final String PROJECT_NOT_FOUND = "project not found";
  static final String SIMPLE_CREATED = "Success. Build created";
  static final String CLOUD_CREATED = "Success";

  private final ProjectStore projects;
  private final DeliveryIntake intake;

  public GenericReceiver(ProjectStore projects, BuildStore builds, Deliveries deliveries) {
    this(projects, new RecordedIntake(builds, deliveries));
  }

  /**
   * @param intake where events become builds (the local store's journal, or store-then-record)
   */
  public GenericReceiver(ProjectStore projects, DeliveryIntake intake) {
    this.projects = projects;
    this.intake = intake;
  }

  /** {@code POST /simpleevents/v1/:projectID/:secret}. */
  public JsonReply simpleEvent(String projectRef, String secret, byte[] body) {
    return authorized(
        projectRef,
        secret,
        project -> {
          BuildRequest request = SimpleEvents.map(project.id(), body);
          List<String> ids = intake.acceptUnkeyed(List.of(request));
          LOG.info("SimpleEvent for project {} stored as build {}", project.id(), ids);
          return JsonReply.success(SIMPLE_CREATED, ids, false);
        });
  }

  /** {@code POST /cloudevents/v02/:projectID/:secret} and the 1.0 sibling route. */
  public JsonReply cloudEvent(
      CloudEventVersion version, String projectRef, String secret, CloudEventRequest request) {
    return authorized(
        projectRef,
        secret,
        project -> {
          CloudEvent event = CloudEvents.read(version, request);
          DeliveryIntake.Accepted stored =
              intake.accept(
                  CloudEvents.deliveryKey(project.id(), event),
                  () -> List.of(CloudEvents.toBuild(project.id(), event)));
          LOG.info(
              "CloudEvent {} from {} for project {}: {} {}",
              LogText.printable(event.id()),
              LogText.printable(event.source()),
              project.id(),
              stored.duplicate() ? "already stored as build" : "stored as build",
              stored.buildIds());
          return JsonReply.success(CLOUD_CREATED, stored.buildIds(), stored.duplicate());
        });
  }

  private JsonReply authorized(String projectRef, String secret, OnAccepted accepted) {
    try {
      Optional<Project> project = projects.find(projectRef);
      if (project.isEmpty()) {
        LOG.info("Generic event refused: no project {}", LogText.printable(projectRef));
        return JsonReply.status(400, PROJECT_NOT_FOUND);
      }
      Optional<String> refusal = PathSecret.refusal(project.get(), secret);
      if (refusal.isPresent()) {
        LOG.info("Generic event for project {} refused: {}", project.get().id(), refusal.get());
        return JsonReply.status(401, refusal.get());
      }
      return accepted.apply(project.get());
    } catch (MalformedEventException e) {
      LOG.info("Generic event for {} refused: {}", LogText.printable(projectRef), e.getMessage());
      return JsonReply.status(400, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JsonReply.status(503, "The gateway is stopping; resend the event");
    } catch (StoreUnavailableException | UncheckedIOException e) {
      LOG.warn(
          "Generic event for {} not stored: {}", LogText.printable(projectRef), e.getMessage());
      return JsonReply.storeUnavailable();
    }
  }

  /** What to do with an event whose project and secret check out. */
  @FunctionalInterface
  private interface OnAccepted {
    JsonReply apply(Project project) throws InterruptedException;
  }
}
