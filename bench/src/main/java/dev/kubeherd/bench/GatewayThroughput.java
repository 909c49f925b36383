package dev.kubeherd.bench;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * P4: signed GitHub {@code push} deliveries per second through the real gateway ({@code kubeherd
 * gateway --local}, the distribution jar, directory stores on disk: every 2xx means the build and
 * the delivery record are fsynced) and its p99 ack latency, under load from {@code wrk} on
 * loopback; side by side, in the same run and with the same JVM flags, a bare Vert.x hello-world
 * server ({@link HelloWorldServer}) as the baseline. wrk runs {@code p4-push.lua}: one fixed signed
 * ~8 KB push body, a new {@code X-GitHub-Delivery} per request, so each request stores one build.
 *
 * <p>Each round starts each server in a fresh JVM (the order alternates between rounds), after a
 * {@code sync} so that no server is measured while the previous one's writes are still written
 * back, warms it with a short wrk run, then measures. Afterwards the gateway's store is counted:
 * builds in the store (pending ones in the delivery journal) must cover every 2xx answer.
 *
 * <p>Usage: {@code GatewayThroughput [seconds] [warmupSeconds] [connections] [wrkThreads] [rounds]}
 * (default 20 10 64 1 3, the configuration of the runs {@code docs/benchmarks.md} reports; the
 * verdict is on the medians of the rounds). System properties: {@code kubeherd.bench.kubeherdJar}
 * (the distribution jar, required), {@code kubeherd.bench.helloClasspath} (required), {@code
 * kubeherd.bench.serverOpts} (JVM options of both servers), {@code kubeherd.bench.tmp} (where the
 * store goes; default the system temp dir; deleted at the end unless {@code
 * -Dkubeherd.bench.keep=true}), {@code kubeherd.bench.settle} ({@code false}: do not wait out
 * {@link StoreCleanup#SETTLE} after an earlier run deleted its store), {@code
 * kubeherd.bench.servers} (default {@code hello,gateway}; {@code hello,floor,gateway} adds {@link
 * DurableFloorServer}, the upper bound of any durable gateway).
 */
public final class GatewayThroughput {
  private static final String REPOSITORY = "acme/p4-bench";
  private static final String SECRET = "p4-bench-secret";
  private static final Pattern LISTENING = Pattern.compile("listening on [^:\\s]+:(\\d+)");

  private final Path work;
  private final int seconds;
  private final int warmup;
  private final int connections;
  private final int threads;
  private final List<String> serverOpts;
  private final String kubeherdJar;
  private final String helloClasspath;
  private final List<String> servers;
  private byte[] body;
  private String signature;

  private GatewayThroughput(Path work, int[] args) {
    this.work = work;
    this.seconds = args[0];
    this.warmup = args[1];
    this.connections = args[2];
    this.threads = args[3];
    this.kubeherdJar = required("kubeherd.bench.kubeherdJar");
    this.helloClasspath = required("kubeherd.bench.helloClasspath");
    String opts = System.getProperty("kubeherd.bench.serverOpts", "").trim();
    this.serverOpts = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    this.servers = servers(System.getProperty("kubeherd.bench.servers", "hello,gateway"));
  }

  /** The servers to measure, in the first round's order: hello and gateway, floor if asked. */
  private static List<String> servers(String list) {
    List<String> servers = List.of(list.split(","));
    if (!servers.contains("hello")
        || !servers.contains("gateway")
        || !List.of("hello", "gateway", "floor").containsAll(servers)) {
      throw new IllegalArgumentException(
          "-Dkubeherd.bench.servers must list hello and gateway, and may add floor: " + list);
    }
    return servers;
  }

  public static void main(String[] args) throws Exception {
    int[] a = {20, 10, 64, 1, 3}; // the runs docs/benchmarks.md reports since its tenth session
    for (int i = 0; i < Math.min(args.length, a.length); i++) {
      a[i] = Integer.parseInt(args[i]);
    }
    Path tmp =
        Path.of(System.getProperty("kubeherd.bench.tmp", System.getProperty("java.io.tmpdir")));
    StoreCleanup cleanup = new StoreCleanup(tmp, Clock.systemUTC());
    if (!"false".equals(System.getProperty("kubeherd.bench.settle"))) {
      cleanup.awaitSettled(System.err);
    }
    Path work = Files.createTempDirectory(tmp, "kubeherd-p4-");
    try {
      new GatewayThroughput(work, a).run(a[4]);
    } finally {
      if (!Boolean.getBoolean("kubeherd.bench.keep")) {
        cleanup.delete(work); // tens of thousands of builds per run
      }
    }
  }

  private void run(int rounds) throws Exception {
    prepareBody();
    Path script = extract("p4-push.lua");
    System.out.println();
    System.out.println("## P4 — signed GitHub push deliveries through the gateway (wrk)");
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "- wrk %s: `-t%d -c%d -d%ds --latency --timeout 10s`, warm-up run %d s per server JVM;"
            + " body %d bytes (push, signed X-Hub-Signature-256), new X-GitHub-Delivery per"
            + " request%n",
        Wrk.version(),
        threads,
        connections,
        seconds,
        warmup,
        body.length);
    System.out.println("- server JVM options (both): " + String.join(" ", serverOpts));
    System.out.println("- store: directory stores in " + work + " (" + fileSystem(work) + ")");
    System.out.println();
    System.out.println(
        "| round | server | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors"
            + " | server CPU µs/req | builds stored / 2xx |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    List<WrkRun> runs = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      List<String> order = new ArrayList<>(servers);
      if (round % 2 == 0) {
        Collections.reverse(order);
      }
      for (String server : order) {
        runs.add(measure(round, server, script));
      }
    }
    P4Summary.print(runs, servers.contains("floor"));
  }

  private WrkRun measure(int round, String server, Path script) throws Exception {
    boolean gateway = server.equals("gateway");
    Path home = work.resolve("home-" + round);
    if (gateway) {
      createProject(home);
    }
    flushDirtyPages();
    Process process = start(server, home, work.resolve(server + "-" + round + ".log"));
    WrkRun measured;
    long acked = 0;
    try {
      int port = awaitPort(process, server);
      JsonNode warm = wrk().run(port, script, warmup, "r" + round + "w");
      acked += warm.path("requests").asLong() - warm.path("non2xx").asLong();
      long cpuBefore = ProcessCpu.nanos(process.pid());
      Map<String, long[]> threadsBefore = ProcessCpu.byThread(process.pid());
      long[] machineBefore = ProcessCpu.machineTicks();
      JsonNode result = wrk().run(port, script, seconds, "r" + round + "m");
      long[] machineAfter = ProcessCpu.machineTicks();
      long cpuAfter = ProcessCpu.nanos(process.pid());
      Map<String, long[]> threads =
          ProcessCpu.delta(threadsBefore, ProcessCpu.byThread(process.pid()));
      measured =
          new WrkRun(
              round,
              server,
              result,
              cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore,
              threads,
              ProcessCpu.busyShare(machineBefore, machineAfter));
      acked += measured.answered2xx();
    } finally {
      stop(process);
    }
    String stored = gateway ? builds(home) + " / " + acked : "—";
    System.out.printf(
        Locale.ROOT,
        "| %d | %s | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %d | %.0f | %s |%n",
        round,
        server,
        measured.rps(),
        measured.ms("p50"),
        measured.ms("p90"),
        measured.ms("p99"),
        measured.ms("max"),
        measured.result().path("non2xx").asLong(),
        measured.socketErrors(),
        measured.cpuMicrosPerRequest(),
        stored);
    return measured;
  }

  private void prepareBody() throws IOException, GeneralSecurityException {
    try (InputStream in = GatewayThroughput.class.getResourceAsStream("p4-push.json")) {
      body = Json.MAPPER.writeValueAsBytes(Json.MAPPER.readTree(in)); // compact, as GitHub sends
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    Files.write(work.resolve("body.json"), body);
  }

  private void createProject(Path home) {
    new DirectoryProjectStore(new LocalHome(home))
        .create(
            new Project(
                ProjectIds.fromName(REPOSITORY),
                REPOSITORY,
                "default",
                Map.of("sharedSecret", SECRET)));
  }

  private Process start(String server, Path home, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(serverOpts);
    if (server.equals("gateway")) {
      command.addAll(
          List.of(
              "-jar", kubeherdJar, "gateway", "--local", "--address", "127.0.0.1", "--port", "0"));
    } else {
      command.addAll(List.of("-cp", kubeherdJar + File.pathSeparator + helloClasspath));
      if (server.equals("floor")) {
        command.addAll(List.of(DurableFloorServer.class.getName(), home.toString()));
      } else {
        command.add(HelloWorldServer.class.getName());
      }
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().put("KUBEHERD_HOME", home.toString());
    return builder.start();
  }

  private static int awaitPort(Process process, String server) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the " + server + " server exited before listening");
  }

  private Wrk wrk() {
    return new Wrk(threads, connections, work.resolve("body.json"), signature);
  }

  /**
   * Writes back what the servers before wrote (`sync`), so a server is not measured while the
   * kernel still writes the previous one's gigabytes: each pays for its own writes only.
   */
  private static void flushDirtyPages() throws IOException, InterruptedException {
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    if (!sync.waitFor(120, TimeUnit.SECONDS)) {
      sync.destroyForcibly();
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Builds in the store, as any process sees them once the gateway stopped: pending ones are in the
   * delivery journal, claimed ones have their directory.
   */
  private static long builds(Path home) {
    return new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC()).ids().size();
  }

  private Path extract(String resource) throws IOException {
    Path target = work.resolve(resource);
    try (InputStream in = GatewayThroughput.class.getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return target;
  }

  private static String fileSystem(Path dir) {
    try {
      return Files.getFileStore(dir).type();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("set -D" + property + " (bench/run.sh p4 does)");
    }
    return value;
  }
}
