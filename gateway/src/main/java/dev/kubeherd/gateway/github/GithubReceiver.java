package dev.kubeherd.gateway.github;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.service.RecordedIntake;
import dev.kubeherd.gateway.BodyText;
import dev.kubeherd.gateway.JsonReply;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one GitHub delivery from headers and raw body to a {@link JsonReply}, in the contract's
 * order: parse, ping/ignored, project, signature, delivery dedupe, store the builds, record the
 * delivery. Every build is durable in the {@link BuildStore} before a 2xx is returned. Blocking (it
 * calls the stores): call it off the event loop; the reply may complete on another thread. No
 * Vert.x here.
 */
public final class GithubReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(GithubReceiver.class);
  private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  private final ProjectStore projects;
  private final DeliveryIntake intake;
  private final GithubSettings settings;
  private final GithubEvents events;
  private final Optional<WrapperPayloads> wrappers;

  /** A receiver without a GitHub App: check suites and runs are ignored. */
  public GithubReceiver(
      ProjectStore projects, BuildStore builds, Deliveries deliveries, GithubSettings settings) {
    this(projects, builds, deliveries, settings, Optional.empty());
  }

  /**
   * @param app the GitHub App the gateway runs as, for the wrapper payloads of check suites, check
   *     runs and pull request comments
   */
  public GithubReceiver(
      ProjectStore projects,
      BuildStore builds,
      Deliveries deliveries,
      GithubSettings settings,
      Optional<GithubApp> app) {
    this(projects, new RecordedIntake(builds, deliveries), settings, app);
  }

  /**
   * @param intake where deliveries become builds (the local store's journal, or store-then-record)
   * @param app the GitHub App the gateway runs as, for the wrapper payloads
   */
  public GithubReceiver(
      ProjectStore projects,
      DeliveryIntake intake,
      GithubSettings settings,
      Optional<GithubApp> app) {
    this.projects = projects;
    this.intake = intake;
    this.settings = settings;
    this.events = new GithubEvents(settings, app.map(GithubApp::appId));
    this.wrappers = app.map(WrapperPayloads::new);
  }

  /** The request headers the receiver reads; null when absent. */
  public record Headers(
      String event, String delivery, String sha256, String sha1, String contentType) {
    /** Headers of a delivery whose content type does not matter. */
    public Headers(String event, String delivery, String sha256, String sha1) {
      this(event, delivery, sha256, sha1, null);
    }

    /** Whether GitHub sent the body as a form ({@code payload=…}), its default content type. */
    boolean isForm() {
      return contentType != null
          && contentType.strip().toLowerCase(Locale.ROOT).startsWith(FORM_CONTENT_TYPE);
    }
  }

  private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

  /**
   * The reply to one delivery. Parsing, the project, the signature and the duplicate check happen
   * on the calling thread; the stage completes once the builds are durable (for the local journal,
   * on its writer thread).
   */
  public CompletionStage<JsonReply> receive(Headers headers, byte[] body) {
    if (headers.event() == null || headers.event().isBlank()) {
      return done(
          JsonReply.status(400, "Missing X-GitHub-Event header: is this a GitHub webhook?"));
    }
    String delivery = headers.delivery();
    if (delivery != null && !DELIVERY_ID.matcher(delivery).matches()) {
      return done(
          JsonReply.status(
              400, "X-GitHub-Delivery must be a GitHub delivery GUID (letters, digits, '-', '_')"));
    }
    Body decoded = new Body(body, BodyText.of(body));
    GithubMapping mapping;
    try {
      mapping = events.map(headers.event(), body, decoded.text());
    } catch (MalformedDeliveryException e) {
      LOG.info("Delivery {} ({}): {}", delivery, headers.event(), e.getMessage());
      return done(
          JsonReply.status(
              400,
              headers.isForm()
                  ? "Malformed body: the webhook sends "
                      + FORM_CONTENT_TYPE
                      + "; set its Content type to application/json in the webhook's settings"
                  : "Malformed body"));
    }
    switch (mapping.kind()) {
      case PING, IGNORED -> {
        return done(JsonReply.message(200, mapping.message()));
      }
      default -> {}
    }
    try {
      return authorized(headers, decoded, mapping);
    } catch (RuntimeException e) {
      return done(notStored(headers, e));
    }
  }

  private CompletionStage<JsonReply> authorized(Headers headers, Body body, GithubMapping mapping) {
    Optional<Project> project = projects.find(mapping.projectName());
    if (project.isEmpty()) {
      LOG.info("Delivery {}: no project named {}", headers.delivery(), mapping.projectName());
      return done(
          JsonReply.status(
              404,
              "project not found: no project named "
                  + mapping.projectName()
                  + " (create it with brig project create; its name must be the repository's"
                  + " full name)"));
    }
    GithubSignature.Result signature =
        GithubSignature.verify(
            body.bytes(),
            headers.sha256(),
            headers.sha1(),
            GithubSignature.secretFor(project.get(), settings.defaultSecret()));
    switch (signature.outcome()) {
      case VALID -> {}
      case NO_SECRET -> {
        return done(JsonReply.status(500, "No secret is configured for this repo."));
      }
      default -> {
        LOG.info("Delivery {} refused: {}", headers.delivery(), signature.reason());
        return done(JsonReply.status(401, signature.reason()));
      }
    }
    if (mapping.kind() == GithubMapping.Kind.SKIPPED) {
      return done(JsonReply.status(200, mapping.message()));
    }
    DeliveryIntake.Requests requests =
        new DeliveryIntake.Requests() {
          @Override
          public List<BuildRequest> get() throws InterruptedException {
            return requests(project.get(), mapping, body);
          }

          @Override
          public Optional<byte[]> utf8(String payload) {
            return body.text().equals(payload) ? Optional.of(body.bytes()) : Optional.empty();
          }
        };
    CompletionStage<DeliveryIntake.Accepted> stored;
    try {
      if (headers.delivery() == null) {
        return done(JsonReply.success("Complete", intake.acceptUnkeyed(requests.get()), false));
      }
      stored = intake.acceptAsync(headers.delivery(), requests);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return done(notStored(headers, e));
    }
    return stored.handle(
        (accepted, failure) ->
            failure == null ? stored(headers, accepted) : notStored(headers, unwrap(failure)));
  }

  private static JsonReply stored(Headers headers, DeliveryIntake.Accepted accepted) {
    if (!accepted.duplicate()) {
      LOG.debug("Delivery {} stored builds {}", headers.delivery(), accepted.buildIds());
    }
    return JsonReply.success("Complete", accepted.buildIds(), accepted.duplicate());
  }

  /**
   * The reply when the builds could not be stored; failures that are not ours to explain (bugs) are
   * rethrown and become a logged 500.
   */
  private static JsonReply notStored(Headers headers, Throwable failure) {
    switch (failure) {
      case GithubAppException e -> {
        LOG.warn("Delivery {} not stored: {}", headers.delivery(), e.getMessage());
        return JsonReply.status(
            502, e.getMessage() + "; nothing was stored, redeliver the event once GitHub answers");
      }
      case InterruptedException e -> {
        return JsonReply.status(503, "The gateway is stopping; redeliver the event");
      }
      case StoreUnavailableException e -> {
        return storeUnavailable(headers, e);
      }
      case UncheckedIOException e -> {
        return storeUnavailable(headers, e);
      }
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new IllegalStateException(failure);
    }
  }

  private static JsonReply storeUnavailable(Headers headers, RuntimeException e) {
    LOG.warn(
        "Delivery {} ({}) not stored: {}", headers.delivery(), headers.event(), e.getMessage());
    return JsonReply.status(
        503, "Build store unavailable; redeliver this event from GitHub once it is back");
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException wrapped && wrapped.getCause() != null
        ? wrapped.getCause()
        : failure;
  }

  private static CompletionStage<JsonReply> done(JsonReply reply) {
    return CompletableFuture.completedFuture(reply);
  }

  /** The builds to store; for wrapper deliveries this asks GitHub for a token, so it is lazy. */
  private List<BuildRequest> requests(Project project, GithubMapping mapping, Body body)
      throws InterruptedException {
    if (mapping.wrapper().isEmpty() || wrappers.isEmpty()) {
      return mapping.builds();
    }
    return wrappers.get().complete(project, mapping, mapping.wrapper().get(), body.text());
  }

  /**
   * A delivery's body as received and decoded once: builds carry the text, and the intake stores
   * the bytes they came from instead of encoding the text again (P4).
   */
  private record Body(byte[] bytes, String text) {}
}
