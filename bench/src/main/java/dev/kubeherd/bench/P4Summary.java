package dev.kubeherd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The end of P4's report ({@link GatewayThroughput}): CPU by thread, how busy the machine was, the
 * verdict on the medians of the rounds, the durable floor if measured, CPU per request and each
 * round's ratio.
 */
final class P4Summary {
  private P4Summary() {}

  /**
   * Prints the summary of {@code runs}.
   *
   * @param withFloor whether the durable floor server was measured too
   */
  static void print(List<WrkRun> runs, boolean withFloor) {
    System.out.println();
    for (WrkRun run : runs) {
      if (run.server().equals("gateway") && !run.threads().isEmpty()) {
        System.out.println(
            "- gateway CPU µs per delivery by thread, round "
                + run.round()
                + ", user+system (user/system): "
                + run.threadsPerRequest());
      }
    }
    System.out.println(
        "- machine CPUs busy during each measured run (server, wrk and anything else; near 100 %"
            + " means CPU-bound): "
            + runs.stream()
                .map(
                    r ->
                        String.format(
                            Locale.ROOT,
                            "%s r%d %.0f %%",
                            r.server(),
                            r.round(),
                            100 * r.machineBusy()))
                .collect(Collectors.joining(", ")));
    double gateway = median(runs, "gateway", WrkRun::rps);
    double hello = median(runs, "hello", WrkRun::rps);
    double p99 =
        runs.stream()
            .filter(r -> r.server().equals("gateway"))
            .mapToDouble(r -> r.ms("p99"))
            .max()
            .orElseThrow();
    double ratio = 100 * gateway / hello;
    boolean clean =
        runs.stream()
            .allMatch(r -> r.result().path("non2xx").asLong() == 0 && r.socketErrors() == 0);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "- **P4: gateway %.0f deliveries/s (median of rounds) vs hello-world %.0f req/s: %.1f %%"
            + " (target ≥ 25 %%: %s); gateway p99 ack %.2f ms, worst round (target < 50 ms: %s)**"
            + "%s%n",
        gateway,
        hello,
        ratio,
        ratio >= 25 ? "met" : "not met",
        p99,
        p99 < 50 ? "met" : "not met",
        clean ? "" : " — some requests failed (see non-2xx / socket errors)");
    if (withFloor) {
      double floor = median(runs, "floor", WrkRun::rps);
      System.out.printf(
          Locale.ROOT,
          "- floor (body made durable by group commit, nothing else): %.0f req/s, %.1f %% of"
              + " hello-world, %.0f µs CPU per request: no gateway design can exceed this on this"
              + " machine and stack%n",
          floor,
          100 * floor / hello,
          median(runs, "floor", WrkRun::cpuMicrosPerRequest));
    }
    double gatewayCpu = median(runs, "gateway", WrkRun::cpuMicrosPerRequest);
    double helloCpu = median(runs, "hello", WrkRun::cpuMicrosPerRequest);
    System.out.printf(
        Locale.ROOT,
        "- server CPU per request (medians): gateway %.0f µs, hello-world %.0f µs: the gateway"
            + " needs %.1f× the baseline's CPU per request (25 %% of its throughput allows 4×"
            + " when both are CPU-bound)%n",
        gatewayCpu,
        helloCpu,
        gatewayCpu / helloCpu);
    System.out.println(
        "- ratio per round (the gateway against hello-world of the same round, run one after the"
            + " other; the verdict above is on the medians): "
            + perRoundRatios(runs));
  }

  /** Each round's gateway rate as a share of that round's hello-world rate. */
  private static String perRoundRatios(List<WrkRun> runs) {
    List<String> shares = new ArrayList<>();
    for (WrkRun gateway : runs) {
      if (!gateway.server().equals("gateway")) {
        continue;
      }
      runs.stream()
          .filter(r -> r.server().equals("hello") && r.round() == gateway.round())
          .findFirst()
          .ifPresent(
              hello ->
                  shares.add(
                      String.format(
                          Locale.ROOT,
                          "r%d %.1f %%",
                          gateway.round(),
                          100 * gateway.rps() / hello.rps())));
    }
    return String.join(", ", shares);
  }

  private static double median(List<WrkRun> runs, String server, ToDoubleFunction<WrkRun> f) {
    return Stats.of(runs.stream().filter(r -> r.server().equals(server)).mapToDouble(f).toArray())
        .median();
  }
}
