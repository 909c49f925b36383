package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.gateway.JsonReply;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read-only routes of the API under {@link #BASE}: projects, builds (filtered and paged), one
 * build with its jobs, and the worker's and jobs' logs. Every answer is computed off the event
 * loop. See {@code docs/api.md}.
 */
final class ReadApi {
  static final String BASE = "/api/v1";

  private final ApiResponder responder;
  private final Stores stores;

  ReadApi(ApiResponder responder, Stores stores) {
    this.responder = responder;
    this.stores = stores;
  }

  void mount(Router router) {
    router.get(BASE + "/projects").handler(ctx -> responder.json(ctx, this::projects));
    router
        .get(BASE + "/projects/:project")
        .handler(ctx -> responder.json(ctx, () -> project(ctx.pathParam("project"))));
    router.get(BASE + "/builds").handler(ctx -> responder.json(ctx, () -> builds(ctx)));
    router
        .get(BASE + "/builds/:id")
        .handler(ctx -> responder.json(ctx, () -> build(ctx.pathParam("id"))));
    router
        .get(BASE + "/builds/:id/jobs")
        .handler(ctx -> responder.json(ctx, () -> jobs(ctx.pathParam("id"))));
    router
        .get(BASE + "/builds/:id/logs")
        .handler(ctx -> responder.text(ctx, () -> workerLog(ctx.pathParam("id"))));
    router
        .get(BASE + "/builds/:id/jobs/:job/logs")
        .handler(
            ctx -> responder.text(ctx, () -> jobLog(ctx.pathParam("id"), ctx.pathParam("job"))));
  }

  private JsonReply projects() {
    List<Map<String, Object>> all = stores.projects().list().stream().map(ProjectView::of).toList();
    return ok(Map.of("projects", all));
  }

  private JsonReply project(String nameOrId) {
    return ok(ProjectView.of(stores.project(nameOrId)));
  }

  private JsonReply builds(RoutingContext ctx) {
    BuildQuery query = BuildQuery.parse(ctx.queryParams());
    Optional<String> projectId = query.project().map(p -> stores.project(p).id());
    List<Build> matching = stores.builds().list(projectId).stream().filter(query::matches).toList();
    Function<String, String> names = Stores.names(stores.projectNames());
    List<Map<String, Object>> page =
        query.page(matching).stream()
            .map(b -> BuildView.of(b, names.apply(b.projectId())))
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("builds", page);
    body.put("total", matching.size());
    body.put("offset", query.offset());
    body.put("limit", query.limit());
    int next = query.offset() + page.size();
    body.put("nextOffset", next < matching.size() ? next : null);
    return ok(body);
  }

  private JsonReply build(String id) {
    Build build = stores.build(id);
    Map<String, Object> body = BuildView.of(build, stores.projectName(build.projectId()));
    body.put("jobs", jobViews(build));
    return ok(body);
  }

  private JsonReply jobs(String id) {
    return ok(Map.of("jobs", jobViews(stores.build(id))));
  }

  private List<Map<String, Object>> jobViews(Build build) {
    return stores.builds().jobs(build.id()).stream().map(BuildView::job).toList();
  }

  private String workerLog(String id) {
    return stores.logs().read(stores.build(id).id(), LogStore.WORKER);
  }

  private String jobLog(String id, String job) {
    Build build = stores.build(id);
    return stores.logs().read(build.id(), stores.jobSource(build, job));
  }

  private static JsonReply ok(Map<String, Object> body) {
    return new JsonReply(200, body);
  }
}
