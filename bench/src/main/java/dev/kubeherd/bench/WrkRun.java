package dev.kubeherd.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * One measured wrk run.
 *
 * @param cpuNanos CPU time (user + system) the server process used during the run, or -1 when /proc
 *     is not there to tell
 * @param threads user and system CPU nanoseconds during the run per thread name ({@link
 *     ProcessCpu#byThread})
 * @param machineBusy share of the whole machine's CPU time that was busy during the run (server,
 *     wrk and anything else), NaN when unknown: near 1 means the run was CPU-bound
 */
record WrkRun(
    int round,
    String server,
    JsonNode result,
    long cpuNanos,
    Map<String, long[]> threads,
    double machineBusy) {
  /** Server CPU per answered request in microseconds: a figure other load hardly moves. */
  double cpuMicrosPerRequest() {
    long requests = result.path("requests").asLong();
    return cpuNanos < 0 || requests == 0 ? Double.NaN : cpuNanos / 1000.0 / requests;
  }

  /** "name user+system (user/system)" µs per request, busiest first, for threads over 1 %. */
  String threadsPerRequest() {
    long requests = Math.max(1, result.path("requests").asLong());
    long total = threads.values().stream().mapToLong(t -> t[0] + t[1]).sum();
    return threads.entrySet().stream()
        .filter(e -> e.getValue()[0] + e.getValue()[1] > total / 100)
        .sorted(
            (a, b) ->
                Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%s %.0f (%.0f/%.0f)",
                    e.getKey(),
                    (e.getValue()[0] + e.getValue()[1]) / 1000.0 / requests,
                    e.getValue()[0] / 1000.0 / requests,
                    e.getValue()[1] / 1000.0 / requests))
        .collect(Collectors.joining(", "));
  }

  double rps() {
    return result.path("requests").asLong() / (result.path("durationUs").asLong() / 1e6);
  }

  double ms(String field) {
    return result.path(field).asDouble() / 1000.0;
  }

  long answered2xx() {
    return result.path("requests").asLong() - result.path("non2xx").asLong();
  }

  long socketErrors() {
    return Stream.of("connect", "read", "write", "timeout")
        .mapToLong(k -> result.path(k).asLong())
        .sum();
  }
}
