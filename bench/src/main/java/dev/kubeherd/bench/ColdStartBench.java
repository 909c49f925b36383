package dev.kubeherd.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * P2: cold start. Runs {@link ColdStart} (a fresh JVM taking a trivial brigade.js to its first
 * completed job) under {@code /usr/bin/time -f "%e %M %U %S"} in several JVM configurations, and
 * Node.js running the equivalent minimal script, and prints median wall, CPU time and peak RSS per
 * configuration with the ratio to Node. AppCDS and AOT configurations first get a training run that
 * writes their archive; every configuration then gets one unmeasured run (page cache) before the
 * measured ones.
 *
 * <p>Usage: {@code java -cp kubeherd-bench.jar dev.kubeherd.bench.ColdStartBench [runs] [best-flags
 * file]}
 */
public final class ColdStartBench {
  private static final int FEATURE = Runtime.version().feature();

  /** Truffle still uses sun.misc.Unsafe; JDK 23+ warns unless allowed (JDK 21 rejects the flag). */
  private static final List<String> UNSAFE =
      FEATURE >= 23 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();

  private ColdStartBench() {}

  /** How a configuration's archive, if any, is made and used. */
  enum Cache {
    NONE,
    APPCDS,
    AOT
  }

  record Config(String name, Cache cache, List<String> flags) {}

  record Result(String name, double wallS, double driverMs, double cpuS, double rssMiB) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path work = Files.createTempDirectory("kubeherd-p2-");
    Path jar = ownJar();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path nodeScript = work.resolve("cold-start.js");
    try (InputStream in = ColdStartBench.class.getResourceAsStream("cold-start.js")) {
      Files.write(nodeScript, in.readAllBytes());
    }
    List<String> lean =
        List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xss512k",
            "-Xms8m",
            "-Xmx64m",
            "-XX:ReservedCodeCacheSize=32m",
            "-XX:-UsePerfData");
    List<Config> configs = new ArrayList<>();
    configs.add(new Config("JVM defaults", Cache.NONE, List.of()));
    configs.add(new Config("defaults, -Xshare:off", Cache.NONE, List.of("-Xshare:off")));
    configs.add(
        new Config(
            "SerialGC + C1 only",
            Cache.NONE,
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));
    configs.add(new Config("lean (SerialGC, C1, 64m heap, small stacks)", Cache.NONE, lean));
    configs.add(new Config("lean + AppCDS", Cache.APPCDS, lean));
    if (FEATURE >= 25) { // AOT cache: JEP 483 (JDK 24), method profiles JEP 515 (JDK 25)
      configs.add(new Config("defaults + AOT cache", Cache.AOT, List.of()));
      configs.add(new Config("lean + AOT cache", Cache.AOT, lean));
    }
    if (args.length > 1 && FEATURE >= 25) {
      configs.add(new Config("p2-best.txt + AOT cache", Cache.AOT, readFlags(Path.of(args[1]))));
    }

    List<Result> results = new ArrayList<>();
    results.add(
        measure("Node.js " + nodeVersion(), List.of("node", nodeScript.toString()), runs, work));
    for (int i = 0; i < configs.size(); i++) {
      Config c = configs.get(i);
      Path home = Files.createDirectories(work.resolve("home-" + i));
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(UNSAFE);
      cmd.addAll(c.flags());
      cmd.addAll(prepare(c, i, java, jar, home, work));
      cmd.addAll(List.of("-jar", jar.toString(), home.toString()));
      results.add(measure(c.name(), cmd, runs, work));
    }
    print(results, runs);
    LocalStack.deleteTree(work);
  }

  /** Trains the configuration's archive (one unmeasured run) and returns the flags that use it. */
  private static List<String> prepare(Config c, int i, String java, Path jar, Path home, Path work)
      throws IOException, InterruptedException {
    List<String> base = new ArrayList<>(List.of(java));
    base.addAll(UNSAFE);
    base.addAll(c.flags());
    List<String> tail = List.of("-jar", jar.toString(), home.toString());
    switch (c.cache()) {
      case NONE -> {
        return List.of();
      }
      case APPCDS -> {
        Path jsa = work.resolve("app-" + i + ".jsa");
        run(concat(base, List.of("-XX:ArchiveClassesAtExit=" + jsa), tail), work);
        return List.of("-XX:SharedArchiveFile=" + jsa);
      }
      case AOT -> {
        Path conf = work.resolve("app-" + i + ".aotconf");
        Path aot = work.resolve("app-" + i + ".aot");
        run(
            concat(base, List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf), tail),
            work);
        run(
            concat(
                base,
                List.of(
                    "-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + aot),
                tail),
            work);
        return List.of("-XX:AOTCache=" + aot, "-XX:AOTMode=on");
      }
    }
    throw new IllegalStateException();
  }

  /** One unmeasured run, then {@code runs} runs under /usr/bin/time. */
  private static Result measure(String name, List<String> cmd, int runs, Path work)
      throws IOException, InterruptedException {
    run(cmd, work);
    double[] wall = new double[runs];
    double[] driver = new double[runs];
    double[] rss = new double[runs];
    double[] cpu = new double[runs];
    Path timeOut = work.resolve("time.out");
    for (int r = 0; r < runs; r++) {
      List<String> timed =
          concat(
              List.of("/usr/bin/time", "-f", "%e %M %U %S", "-o", timeOut.toString()),
              cmd,
              List.of());
      long t0 = System.nanoTime();
      run(timed, work);
      driver[r] = (System.nanoTime() - t0) / 1e6;
      String[] f = Files.readAllLines(timeOut).getLast().trim().split(" ");
      wall[r] = Double.parseDouble(f[0]);
      rss[r] = Double.parseDouble(f[1]) / 1024.0;
      cpu[r] = Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
    }
    System.err.printf(
        Locale.ROOT,
        "%s: wall %s s, CPU %s s, RSS %s MiB%n",
        name,
        fmt(wall, 2),
        fmt(cpu, 2),
        fmt(rss, 0));
    return new Result(
        name,
        Stats.of(wall).median(),
        Stats.of(driver).median(),
        Stats.of(cpu).median(),
        Stats.of(rss).median());
  }

  private static void run(List<String> cmd, Path work) throws IOException, InterruptedException {
    Path log = work.resolve("child.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int rc = p.waitFor();
    String out = Files.readString(log);
    if (rc != 0) {
      throw new IllegalStateException("exit " + rc + ": " + String.join(" ", cmd) + "\n" + out);
    }
    out.lines()
        .filter(l -> !l.startsWith("WARNING: ") || !l.contains("Unsafe"))
        .filter(l -> !l.contains("Skipping")) // classes AppCDS/AOT cannot archive (proxies, JFR)
        .filter(l -> !l.isBlank())
        .limit(5)
        .forEach(l -> System.err.println("  [" + cmd.getFirst() + "] " + l));
  }

  private static void print(List<Result> results, int runs) {
    Result node = results.getFirst();
    System.out.println();
    System.out.println(
        "### P2 cold start: fresh process, trivial brigade.js to first job completed");
    System.out.println();
    Stats.header(
        "configuration",
        "median wall s (time %e)",
        "median wall ms (driver)",
        "median CPU s (user+sys)",
        "median peak RSS MiB",
        "wall / Node",
        "RSS / Node",
        "≤ 0.4 s",
        "≤ 160 MiB");
    for (Result r : results) {
      Stats.row(
          r.name(),
          Stats.f(r.wallS(), 2),
          Stats.f(r.driverMs(), 0),
          Stats.f(r.cpuS(), 2),
          Stats.f(r.rssMiB(), 0),
          Stats.f(r.driverMs() / node.driverMs(), 1) + "×",
          Stats.f(r.rssMiB() / node.rssMiB(), 1) + "×",
          r.wallS() <= 0.4 ? "met" : "not met",
          r.rssMiB() <= 160 ? "met" : "not met");
    }
    System.out.println();
    System.out.println(
        "Medians of " + runs + " runs each, after training (AppCDS/AOT) and one unmeasured run.");
  }

  static List<String> readFlags(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .flatMap(l -> List.of(l.split("\\s+")).stream())
        .toList();
  }

  private static String nodeVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return v;
  }

  private static Path ownJar() {
    try {
      return Path.of(
          ColdStartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  private static String fmt(double[] v, int decimals) {
    List<String> s = new ArrayList<>();
    for (double d : v) {
      s.add(Stats.f(d, decimals));
    }
    return String.join(" ", s);
  }
}
