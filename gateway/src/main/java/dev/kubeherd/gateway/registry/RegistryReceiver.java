package dev.kubeherd.gateway.registry;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.gateway.JsonReply;
import dev.kubeherd.gateway.LogText;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one container-registry push, in Brigade v1's order: project (400 {@code project not
 * found}), the opt-in token (401), the project's {@code repository} (400 {@code brigadejs not
 * found} when empty), then the {@code image_push} build is stored, durably, before the 200. A store
 * that is down is a 503 with nothing stored. Blocking: run it off the event loop. No Vert.x here.
 */
public final class RegistryReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryReceiver.class);
  static final String CREATED = "Success";

  private final ProjectStore projects;
  private final BuildStore builds;

  public RegistryReceiver(ProjectStore projects, BuildStore builds) {
    this.projects = projects;
    this.builds = builds;
  }

  /**
   * One push notification.
   *
   * @param org the path's {@code :org}
   * @param repo the path's {@code :repo}, {@code ""} when absent
   * @param commitish from {@link RegistryEvents#commitish}
   * @param token the {@code token} query parameter, null when absent
   */
  public record Push(String org, String repo, String commitish, String token, byte[] body) {}

  public JsonReply receive(Push push) {
    String name = RegistryEvents.projectName(push.org(), push.repo());
    try {
      Optional<Project> project = projects.find(name);
      if (project.isEmpty()) {
        LOG.info("Image push refused: no project {}", LogText.printable(name));
        return JsonReply.status(400, RegistryEvents.PROJECT_NOT_FOUND);
      }
      return accepted(project.get(), push);
    } catch (StoreUnavailableException | UncheckedIOException e) {
      LOG.warn("Image push for {} not stored: {}", LogText.printable(name), e.getMessage());
      return JsonReply.storeUnavailable();
    }
  }

  private JsonReply accepted(Project project, Push push) {
    Optional<String> refusal = RegistryEvents.tokenRefusal(project, push.token());
    if (refusal.isPresent()) {
      LOG.info("Image push for project {} refused: {}", project.id(), refusal.get());
      return JsonReply.status(401, refusal.get());
    }
    if (project.repository().isEmpty()) {
      LOG.info(
          "Image push for project {} refused: the project has no repository to build from",
          project.id());
      return JsonReply.status(400, RegistryEvents.NO_REPOSITORY);
    }
    Build build = builds.create(RegistryEvents.toBuild(project, push.commitish(), push.body()));
    LOG.info("Image push for project {} stored as build {}", project.id(), build.id());
    return JsonReply.success(CREATED, List.of(build.id()), false);
  }
}
