package dev.kubeherd.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * P4's floor: the least a webhook receiver can do and still keep the rule that a 2xx means the
 * delivery is on disk. One Vert.x route reads the whole body (the gateway's {@link BodyHandler}
 * with GitHub's 25 MB limit), a single writer thread appends every body queued while its previous
 * {@code fdatasync} ran to one file and syncs once for all of them (the gateway journal's group
 * commit), and each request is then answered with a fixed small JSON on its event loop.
 *
 * <p>It does <em>less</em> than any correct gateway: no signature check, no parsing, no project
 * lookup, no dedupe, no build record, no request log, no metrics. Its throughput is therefore an
 * upper bound for every design of the gateway on the same machine, stack and JVM flags; {@link
 * GatewayThroughput} measures it beside the hello-world baseline when asked to ({@code
 * -Dkubeherd.bench.servers=hello,floor,gateway}).
 *
 * <p>Usage: {@code DurableFloorServer directory [port]} (the file is {@code directory/floor.log}).
 * Prints {@code Floor server listening on 127.0.0.1:PORT}, then serves until killed.
 */
public final class DurableFloorServer {
  private static final String ANSWER = "{\"status\":\"ok\"}";
  private static final long BODY_LIMIT = 25L * 1024 * 1024;

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final FileChannel log;

  private DurableFloorServer(FileChannel log) {
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Files.createDirectories(dir);
    FileChannel log =
        FileChannel.open(
            dir.resolve("floor.log"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    DurableFloorServer floor = new DurableFloorServer(log);
    Thread.ofPlatform().daemon().name("floor-writer").start(floor::writeLoop);
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.post().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post().handler(floor::accept);
    HelloWorldServer.listen(vertx, router, port, "Floor");
  }

  private void accept(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    queue.add(new Pending(body, ctx, Vertx.currentContext()));
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch);
        write(batch);
        for (Pending p : batch) {
          p.context()
              .runOnContext(
                  v ->
                      p.ctx().response().putHeader("Content-Type", "application/json").end(ANSWER));
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(List<Pending> batch) {
    ByteBuffer[] buffers = new ByteBuffer[batch.size()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = ByteBuffer.wrap(batch.get(i).body());
    }
    try {
      long remaining = 0;
      for (ByteBuffer b : buffers) {
        remaining += b.remaining();
      }
      while (remaining > 0) {
        remaining -= log.write(buffers);
      }
      log.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Pending(byte[] body, RoutingContext ctx, Context context) {}
}
