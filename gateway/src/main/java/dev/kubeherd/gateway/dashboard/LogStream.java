package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.LogStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET …/logs/stream}: a build's worker log or a job's log as server-sent events, followed
 * the way {@code brig} follows logs (the {@code LogStore} read again every poll interval, new
 * complete lines sent) until the build (or the job) has ended and its writer is done ({@link
 * LogDrain}); then the rest and an {@code end} event, and the response ends. Each line is one
 * {@code line} event whose {@code id} is the offset after it, so a reconnecting {@code EventSource}
 * (which sends {@code Last-Event-ID}) resumes where it was.
 */
final class LogStream {
  static final Duration KEEPALIVE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final ApiResponder responder;
  private final Stores stores;
  private final Duration poll;
  private final Clock clock;

  LogStream(Vertx vertx, ApiResponder responder, Stores stores, Duration poll, Clock clock) {
    this.vertx = vertx;
    this.responder = responder;
    this.stores = stores;
    this.poll = poll;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get(ReadApi.BASE + "/builds/:id/logs/stream").handler(ctx -> start(ctx, null));
    router
        .get(ReadApi.BASE + "/builds/:id/jobs/:job/logs/stream")
        .handler(ctx -> start(ctx, ctx.pathParam("job")));
  }

  /** Resolves the build and source first, so an unknown one is a JSON 404, not an empty stream. */
  private void start(RoutingContext ctx, String job) {
    int from = lastEventId(ctx.request().getHeader("Last-Event-ID"));
    vertx
        .executeBlocking(
            () -> {
              Build build = stores.build(ctx.pathParam("id"));
              String source = job == null ? LogStore.WORKER : stores.jobSource(build, job);
              return new LogSource(build.id(), source);
            },
            false)
        .onSuccess(source -> follow(ctx, source, from))
        .onFailure(e -> ApiResponder.write(ctx, ApiResponder.failure(ctx, e)));
  }

  private void follow(RoutingContext ctx, LogSource source, int from) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no")
        .write(": following " + source.source() + "\n\n");
    new Follow(response, source, new SseLines(from)).tick();
  }

  private record LogSource(String buildId, String source) {}

  /** The writer's terminal phase and how long ago its record says it ended. */
  private record End(BuildPhase phase, Duration since) {}

  /** One stream's loop: a read off the event loop, its events written, the next read scheduled. */
  private final class Follow {
    private final HttpServerResponse response;
    private final LogSource source;
    private final SseLines lines;
    private final LogDrain drain = new LogDrain();
    private long quietSince = System.nanoTime();

    Follow(HttpServerResponse response, LogSource source, SseLines lines) {
      this.response = response;
      this.source = source;
      this.lines = lines;
    }

    void tick() {
      vertx
          .executeBlocking(this::read, false)
          .onSuccess(this::send)
          .onFailure(e -> finish(Map.of("error", "the log could not be read: " + e.getMessage())));
    }

    /** Whether the writer has ended is checked before the read, so nothing written is missed. */
    private SseLines.Chunk read() {
      End end = end();
      String text = stores.logs().read(source.buildId(), source.source());
      boolean done = drain.done(text.length(), end == null ? null : end.since(), System.nanoTime());
      return lines.next(text, done ? end.phase() : null);
    }

    /** The job's end, or the build's, or null while both run. */
    private End end() {
      if (!source.source().equals(LogStore.WORKER)) {
        var job = stores.job(source.buildId(), source.source());
        if (job.isPresent() && job.get().phase().isTerminal()) {
          return new End(job.get().phase(), since(job.get().finishedAt()));
        }
      }
      Optional<Build> build = stores.builds().find(source.buildId());
      if (build.isEmpty()) {
        // deleted while followed: nothing more will be written
        return new End(BuildPhase.UNKNOWN, LogDrain.LATE_WRITES);
      }
      BuildStatus status = build.get().status();
      return status.phase().isTerminal()
          ? new End(status.phase(), since(status.finishedAt()))
          : null;
    }

    /** How long ago {@code at} was; zero when unknown or ahead of this clock. */
    private Duration since(Optional<Instant> at) {
      return at.map(t -> Duration.between(t, clock.instant()))
          .filter(d -> !d.isNegative())
          .orElse(Duration.ZERO);
    }

    private void send(SseLines.Chunk chunk) {
      if (response.closed()) {
        return;
      }
      if (!chunk.events().isEmpty()) {
        response.write(chunk.events());
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > KEEPALIVE.toNanos()) {
        response.write(": keepalive\n\n");
        quietSince = System.nanoTime();
      }
      if (chunk.ended() != null) {
        finish(Map.of("phase", chunk.ended().display()));
      } else if (response.writeQueueFull()) {
        response.drainHandler(v -> schedule());
      } else {
        schedule();
      }
    }

    private void schedule() {
      if (!response.closed()) {
        vertx.setTimer(poll.toMillis(), id -> tick());
      }
    }

    private void finish(Map<String, String> data) {
      if (!response.closed() && !response.ended()) {
        response.end("event: end\ndata: " + Json.MAPPER.writeValueAsString(data) + "\n\n");
      }
    }
  }

  private static int lastEventId(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(header.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
