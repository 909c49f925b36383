package dev.kubeherd.kube.store;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BuildSecrets;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker and job logs in ConfigMaps, so they outlive the pods (v1 pain point #1037): one ConfigMap
 * per (build, source), more when a log passes {@link #DEFAULT_CHUNK_BYTES} (layout in {@link
 * LogConfigMaps}). Each ConfigMap is owned by the build Secret, so deleting the build deletes its
 * logs on a real cluster; {@link SecretBuildStore#delete} deletes them too.
 *
 * <p><b>Delay:</b> sinks buffer writes and send them every flush interval ({@link
 * #DEFAULT_FLUSH_INTERVAL} unless set), when a sink's buffer passes a quarter of a chunk, and on
 * close, so a chatty job costs one API call per interval, not one per line. Readers through this
 * store instance see everything written (a read flushes this store's sinks of that log first);
 * readers in other processes see lines up to one flush interval late, and all of them once the sink
 * is closed. If the API server is unreachable, text stays buffered and is retried on the next
 * flush; {@link LogSink#close()} reports what still could not be sent.
 *
 * <p><b>Reads</b> GET the chunks one by one and never return a log with a hole, even when a flush
 * appends to the last chunk and starts the next between two of those GETs.
 */
public final class ConfigMapLogStore implements LogStore, AutoCloseable {
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(500);
  public static final int DEFAULT_CHUNK_BYTES = 512 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapLogStore.class);

  /** What a sink needs from its store. */
  record Settings(
      KubernetesClient client, String namespace, KubeRetry retry, Clock clock, int chunkBytes) {}

  private final Settings settings;
  private final BuildSecretLookup lookup;
  private final Set<ConfigMapLogSink> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService flusher;

  public ConfigMapLogStore(KubernetesClient client, String namespace, Clock clock) {
    this(client, namespace, clock, DEFAULT_FLUSH_INTERVAL, DEFAULT_CHUNK_BYTES);
  }

  /**
   * @param chunkBytes most UTF-8 bytes of log text per ConfigMap (at least 64; a ConfigMap holds at
   *     most 1 MiB in all)
   */
  public ConfigMapLogStore(
      KubernetesClient client,
      String namespace,
      Clock clock,
      Duration flushInterval,
      int chunkBytes) {
    if (chunkBytes < 64 || chunkBytes > DEFAULT_CHUNK_BYTES * 3 / 2) {
      throw new IllegalArgumentException(
          "chunkBytes must be between 64 and "
              + DEFAULT_CHUNK_BYTES * 3 / 2
              + ", not "
              + chunkBytes);
    }
    KubeRetry retry = KubeRetry.standard();
    this.settings = new Settings(client, namespace, retry, clock, chunkBytes);
    this.lookup = new BuildSecretLookup(client, namespace, retry);
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kubeherd-log-flusher");
              t.setDaemon(true);
              return t;
            });
    long millis = flushInterval.toMillis();
    flusher.scheduleWithFixedDelay(this::flushAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * @throws BuildNotFoundException when there is no build Secret for {@code buildId}
   * @throws IllegalArgumentException when {@code source} could not be a pod name
   */
  @Override
  public LogSink open(String buildId, String source) {
    LogConfigMaps.checkSource(source);
    Secret build =
        lookup
            .find(buildId)
            .orElseThrow(
                () ->
                    new BuildNotFoundException(
                        "Cannot open log "
                            + source
                            + ": build "
                            + buildId
                            + " not found in namespace "
                            + settings.namespace()
                            + "; create the build first"));
    ConfigMapLogSink sink =
        new ConfigMapLogSink(
            settings,
            buildId,
            source,
            BuildSecrets.ownedBy(build),
            s -> flusher.execute(() -> flushQuietly(s)),
            open::remove);
    open.add(sink);
    return sink;
  }

  /** The log as far as it is stored, never with a hole (see {@link #join}). */
  @Override
  public String read(String buildId, String source) {
    LogConfigMaps.checkSource(source);
    for (ConfigMapLogSink sink : open) {
      if (sink.buildId().equals(buildId) && sink.source().equals(source)) {
        sink.flush();
      }
    }
    List<ConfigMap> chunks = new ArrayList<>();
    for (ConfigMap c = chunk(buildId, source, 0); c != null; ) {
      chunks.add(c);
      c = chunk(buildId, source, chunks.size());
    }
    return join(buildId, source, chunks);
  }

  /**
   * The text of {@code chunks}, never with a hole: they were read one GET at a time while a writer
   * may have appended to the last and then started the next, so a chunk whose copy is shorter than
   * the next chunk records ({@link LogConfigMaps#endsEarly}) is read again (it is complete once the
   * next exists). That costs one more GET only when a read met a flush crossing a chunk boundary.
   */
  private String join(String buildId, String source, List<ConfigMap> chunks) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < chunks.size(); i++) {
      ConfigMap chunk = chunks.get(i);
      if (i + 1 < chunks.size() && LogConfigMaps.endsEarly(chunk, chunks.get(i + 1))) {
        chunk = chunk(buildId, source, i);
        if (chunk == null || LogConfigMaps.endsEarly(chunk, chunks.get(i + 1))) {
          // deleted or cut by hand meanwhile: return what is whole rather than skip text
          return text.append(chunk == null ? "" : LogConfigMaps.text(chunk)).toString();
        }
      }
      text.append(LogConfigMaps.text(chunk));
    }
    return text.toString();
  }

  private ConfigMap chunk(String buildId, String source, int index) {
    String name = LogConfigMaps.name(buildId, source, index);
    return settings
        .retry()
        .call(
            "get ConfigMap " + name,
            () ->
                settings
                    .client()
                    .configMaps()
                    .inNamespace(settings.namespace())
                    .withName(name)
                    .get());
  }

  @Override
  public List<String> sources(String buildId) {
    if (!BuildSecretLookup.isPossibleBuildId(buildId)) {
      return List.of();
    }
    List<ConfigMap> firstChunks =
        settings
            .retry()
            .call(
                "list the log ConfigMaps of build " + buildId,
                () ->
                    settings
                        .client()
                        .configMaps()
                        .inNamespace(settings.namespace())
                        .withLabels(BrigadeLabels.logLabels(buildId))
                        .list()
                        .getItems())
            .stream()
            .filter(c -> "0".equals(LogConfigMaps.annotation(c, KubeherdAnnotations.LOG_CHUNK)))
            .toList();
    return firstChunks.stream()
        .sorted(
            Comparator.comparing((ConfigMap c) -> !WORKER.equals(source(c)))
                .thenComparing(ConfigMapLogStore::startedAt)
                .thenComparing(ConfigMapLogStore::source))
        .map(ConfigMapLogStore::source)
        .toList();
  }

  /** Stops the flusher after flushing every open sink. Sinks still open keep their buffer. */
  @Override
  public void close() {
    flusher.shutdownNow();
    flushAll();
  }

  private void flushAll() {
    for (ConfigMapLogSink sink : open) {
      flushQuietly(sink);
    }
  }

  private static void flushQuietly(ConfigMapLogSink sink) {
    try {
      sink.flush();
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not send log {} of build {} yet, will retry: {}",
          sink.source(),
          sink.buildId(),
          e.getMessage());
    }
  }

  private static Instant startedAt(ConfigMap c) {
    try {
      return Instant.parse(LogConfigMaps.annotation(c, KubeherdAnnotations.LOG_STARTED_AT));
    } catch (DateTimeParseException e) {
      return Instant.MAX; // edited by hand: sort last
    }
  }

  private static String source(ConfigMap c) {
    return LogConfigMaps.annotation(c, KubeherdAnnotations.LOG_SOURCE);
  }
}
