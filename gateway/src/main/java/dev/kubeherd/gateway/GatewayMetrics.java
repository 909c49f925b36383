package dev.kubeherd.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's Prometheus metrics: deliveries by gateway, event and HTTP result, and how long a
 * delivery took from its last body byte to the answer (the "ack latency" GitHub's 10 s deadline is
 * about). Thread safe.
 */
public final class GatewayMetrics {
  static final String DELIVERIES = "kubeherd.gateway.deliveries";
  static final String ACK = "kubeherd.gateway.ack";

  private final PrometheusMeterRegistry registry;

  public GatewayMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  // meters looked up once per label set, not built and registered again on every delivery
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public GatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts one answered delivery.
   *
   * @param gateway which gateway answered ({@code github}, {@code simpleevent} …)
   * @param event the event name as the sender gave it, or {@code unknown}
   * @param status the HTTP status of the answer
   * @param took from the request's arrival to the answer
   */
  public void delivery(String gateway, String event, int status, Duration took) {
    String eventLabel = event == null || event.isBlank() ? "unknown" : event;
    counters
        .computeIfAbsent(
            new CounterKey(gateway, eventLabel, status),
            k ->
                Counter.builder(DELIVERIES)
                    .description("Webhook deliveries answered, by gateway, event and HTTP status")
                    .tag("gateway", k.gateway())
                    .tag("event", k.event())
                    .tag("result", Integer.toString(k.status()))
                    .register(registry))
        .increment();
    timers
        .computeIfAbsent(
            gateway,
            g ->
                Timer.builder(ACK)
                    .description("Time from a delivery's arrival to its answer")
                    .tag("gateway", g)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(took);
  }

  /** The labels of one deliveries counter; the event label is one of a fixed few values. */
  private record CounterKey(String gateway, String event, int status) {}

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
