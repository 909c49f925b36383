package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.service.BuildCancel;
import dev.kubeherd.core.service.BuildRerun;
import dev.kubeherd.gateway.BlockingResponder;
import dev.kubeherd.gateway.JsonReply;
import dev.kubeherd.gateway.admin.AdminToken;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The API's two write routes, behind the {@link AdminToken}: {@code POST …/builds/:id/rerun} (a new
 * build from the old one, {@link BuildRerun}, as {@code brig rerun}) and {@code POST
 * …/builds/:id/cancel} ({@link BuildCancel}, as {@code brig build cancel}). Without a configured
 * token both answer 403 saying how to turn them on.
 */
final class BuildActions {
  static final String CANCELLED = "cancelled from the dashboard";
  private static final Set<String> RERUN_FIELDS = Set.of("event", "commit", "ref", "level");

  private final ApiResponder responder;
  private final Stores stores;
  private final AdminToken token;
  private final BuildCancel cancel;
  private final String claimant = "kubeherd-dashboard-" + ProcessHandle.current().pid();

  BuildActions(ApiResponder responder, Stores stores, AdminToken token, Clock clock) {
    this.responder = responder;
    this.stores = stores;
    this.token = token;
    this.cancel = new BuildCancel(stores.builds(), clock, stores.orphanedJobs());
  }

  void mount(Router router) {
    router
        .post(ReadApi.BASE + "/builds/:id/rerun")
        .handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
        .handler(ctx -> guarded(ctx, () -> rerun(ctx)));
    router
        .post(ReadApi.BASE + "/builds/:id/cancel")
        .handler(ctx -> guarded(ctx, () -> responder.json(ctx, () -> cancel(ctx.pathParam("id")))));
  }

  private void guarded(RoutingContext ctx, Runnable action) {
    switch (token.check(ctx.request().getHeader("Authorization"))) {
      case DISABLED ->
          ApiResponder.write(
              ctx,
              ApiResponder.error(
                  403,
                  "rerun and cancel are off: start the gateway with "
                      + AdminToken.ENV
                      + " set and send it as 'Authorization: Bearer <token>'"));
      case REFUSED ->
          ApiResponder.write(ctx, ApiResponder.error(401, "missing or wrong bearer token"));
      case ALLOWED -> action.run();
    }
  }

  private void rerun(RoutingContext ctx) {
    BuildRerun.Changes changes;
    try {
      changes = changes(BlockingResponder.body(ctx));
    } catch (ApiException e) {
      ApiResponder.write(ctx, ApiResponder.error(e.status(), e.getMessage()));
      return;
    }
    responder.json(ctx, () -> rerun(ctx.pathParam("id"), changes));
  }

  private JsonReply rerun(String id, BuildRerun.Changes changes) {
    Build old = stores.build(id);
    if (stores.projects().find(old.projectId()).isEmpty()) {
      throw new ApiException(
          409, "the project of build " + old.id() + " no longer exists; create it again first");
    }
    Build created = stores.builds().create(BuildRerun.request(old.request(), changes));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "created");
    body.put("rerunOf", old.id());
    body.put("build", BuildView.of(created, stores.projectName(created.projectId())));
    return new JsonReply(201, body);
  }

  private JsonReply cancel(String id) {
    Build build = stores.build(id);
    BuildCancel.Result result;
    try {
      result = cancel.cancel(build.id(), claimant, CANCELLED);
    } catch (BuildNotFoundException e) {
      throw ApiException.notFound(e.getMessage());
    }
    Build after = result.build();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "status",
        switch (result.outcome()) {
          case CANCELLED_BEFORE_START -> "cancelled before it started";
          case CANCELLED -> "cancelled";
          case ALREADY_FINISHED, FINISHED_FIRST ->
              "already finished (" + after.status().phase().display() + "); nothing to cancel";
        });
    body.put("build", BuildView.of(after, stores.projectName(after.projectId())));
    boolean changed =
        result.outcome() == BuildCancel.Outcome.CANCELLED
            || result.outcome() == BuildCancel.Outcome.CANCELLED_BEFORE_START;
    return new JsonReply(changed ? 200 : 409, body);
  }

  /**
   * The optional JSON body of a rerun: {@code event}, {@code commit}, {@code ref}, {@code level}.
   */
  static BuildRerun.Changes changes(byte[] body) {
    if (body.length == 0) {
      return BuildRerun.Changes.none();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("the rerun body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the rerun body must be a JSON object");
    }
    for (String name : node.propertyNames()) {
      if (!RERUN_FIELDS.contains(name) || !node.get(name).isString()) {
        throw ApiException.badRequest(
            "unknown or non-string field '" + name + "'; a rerun takes event, commit, ref, level");
      }
    }
    String level = text(node, "level").orElse(BuildRerun.DEFAULT_LEVEL);
    if (!BuildRerun.LEVELS.contains(level)) {
      throw ApiException.badRequest("level must be log, info, warn or error, not '" + level + "'");
    }
    return new BuildRerun.Changes(
        text(node, "event"), text(node, "commit"), text(node, "ref"), level);
  }

  private static Optional<String> text(JsonNode node, String name) {
    return Optional.ofNullable(node.get(name)).map(JsonNode::asString).filter(s -> !s.isEmpty());
  }
}
