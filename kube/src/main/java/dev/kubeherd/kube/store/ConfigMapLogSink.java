package dev.kubeherd.kube.store;

import dev.kubeherd.core.StoreUnavailableException;
import dev.kubeherd.core.port.LogSink;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One source's log in ConfigMaps. {@link #write} only appends to a buffer; {@link #flush} (called
 * by the store's flusher every interval, when the buffer grows large, before a read through the
 * same store, and on {@link #close}) appends the buffer to the last chunk with an update locked on
 * its resourceVersion, starting a new chunk (recording how long the previous one is, so readers can
 * tell a copy of it read before this flush's append) when the last is full. A writer elsewhere
 * appending to the same log makes the update a 409: the chunk is read again and the append retried.
 * Text that could not be sent stays buffered for the next flush.
 */
final class ConfigMapLogSink implements LogSink {
  /** Conflicts tolerated in one flush before giving up until the next. */
  private static final int MAX_CONFLICTS = 20;

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;
  private final Clock clock;
  private final String buildId;
  private final String source;
  private final List<OwnerReference> owners;
  private final int chunkBytes;
  private final int earlyFlushChars;
  private final Consumer<ConfigMapLogSink> onLarge;
  private final Consumer<ConfigMapLogSink> onClose;

  private final StringBuilder pending = new StringBuilder(); // guarded by this
  private Instant firstWrite; // guarded by this
  private boolean closed; // guarded by this

  private final ReentrantLock flushLock = new ReentrantLock();
  private ConfigMap last; // guarded by flushLock: the last chunk as last seen, null = look it up
  private int lastIndex; // guarded by flushLock

  ConfigMapLogSink(
      ConfigMapLogStore.Settings settings,
      String buildId,
      String source,
      List<OwnerReference> owners,
      Consumer<ConfigMapLogSink> onLarge,
      Consumer<ConfigMapLogSink> onClose) {
    this.client = settings.client();
    this.namespace = settings.namespace();
    this.retry = settings.retry();
    this.clock = settings.clock();
    this.chunkBytes = settings.chunkBytes();
    this.earlyFlushChars = Math.max(1, settings.chunkBytes() / 4);
    this.buildId = buildId;
    this.source = source;
    this.owners = owners;
    this.onLarge = onLarge;
    this.onClose = onClose;
  }

  String buildId() {
    return buildId;
  }

  String source() {
    return source;
  }

  @Override
  public void write(String text) {
    boolean large;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException(
            "log " + source + " of build " + buildId + " is closed; open it again to append");
      }
      if (firstWrite == null) {
        firstWrite = clock.instant();
      }
      pending.append(text);
      large = pending.length() >= earlyFlushChars;
    }
    if (large) {
      onLarge.accept(this);
    }
  }

  /** Sends what is buffered; what fails to go stays buffered. */
  void flush() {
    flushLock.lock();
    try {
      String rest;
      Instant started;
      synchronized (this) {
        rest = pending.toString();
        pending.setLength(0);
        started = firstWrite;
      }
      try {
        int conflicts = 0;
        while (!rest.isEmpty()) {
          int sent = appendSome(rest, started);
          if (sent < 0 && ++conflicts > MAX_CONFLICTS) {
            throw new StoreUnavailableException(
                "Could not append to log "
                    + source
                    + " of build "
                    + buildId
                    + ": other writers kept changing it; the text stays buffered");
          }
          rest = rest.substring(Math.max(sent, 0));
        }
      } catch (RuntimeException e) {
        synchronized (this) {
          pending.insert(0, rest);
        }
        throw e;
      }
    } finally {
      flushLock.unlock();
    }
  }

  /**
   * Flushes, then closes. Idempotent.
   *
   * @throws StoreUnavailableException saying how much text is lost when the final flush fails
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      flush();
    } catch (RuntimeException e) {
      int lost;
      synchronized (this) {
        lost = pending.length();
      }
      throw new StoreUnavailableException(
          "Closing log "
              + source
              + " of build "
              + buildId
              + ": the last "
              + lost
              + " characters could not be stored and are lost. "
              + e.getMessage(),
          e);
    } finally {
      onClose.accept(this);
    }
  }

  /** Appends a start of {@code text}; returns how many chars went, or -1 after a conflict. */
  private int appendSome(String text, Instant started) {
    ConfigMap chunk = lastChunk();
    if (chunk == null) {
      String piece = LogConfigMaps.fitting(text, chunkBytes, true);
      return createChunk(0, piece, started, 0) ? piece.length() : -1;
    }
    String have = LogConfigMaps.text(chunk);
    int haveBytes = LogConfigMaps.utf8Length(have);
    String piece = LogConfigMaps.fitting(text, chunkBytes - haveBytes, have.isEmpty());
    if (piece.isEmpty()) {
      String next = LogConfigMaps.fitting(text, chunkBytes, true);
      return createChunk(lastIndex + 1, next, started, haveBytes) ? next.length() : -1;
    }
    ConfigMap appended =
        new ConfigMapBuilder(chunk).addToData(LogConfigMaps.KEY, have + piece).build();
    ConfigMap updated =
        retry.call(
            "append to ConfigMap " + chunk.getMetadata().getName(),
            () -> {
              try {
                return client.configMaps().inNamespace(namespace).resource(appended).update();
              } catch (KubernetesClientException e) {
                if (KubeRetry.isConflict(e) || KubeRetry.isNotFound(e)) {
                  return null;
                }
                throw e;
              }
            });
    last = updated;
    return updated == null ? -1 : piece.length();
  }

  /** {@code previousBytes}: what chunk {@code index - 1} holds, for readers to check their copy. */
  private boolean createChunk(int index, String text, Instant started, int previousBytes) {
    ConfigMap chunk =
        LogConfigMaps.newChunk(
            namespace, buildId, source, index, started, owners, text, previousBytes);
    ConfigMap created =
        retry.call(
            "create ConfigMap " + chunk.getMetadata().getName(),
            () -> {
              try {
                return client.configMaps().inNamespace(namespace).resource(chunk).create();
              } catch (KubernetesClientException e) {
                if (KubeRetry.isConflict(e)) {
                  return null; // another writer made it: look again
                }
                throw e;
              }
            });
    last = created;
    if (created != null) {
      lastIndex = index;
    }
    return created != null;
  }

  /** The last chunk, found by reading chunks from the last known index on; null when none. */
  private ConfigMap lastChunk() {
    if (last != null) {
      return last;
    }
    ConfigMap found = null;
    for (int i = lastIndex; ; i++) {
      ConfigMap c = get(i);
      if (c == null) {
        if (found != null) {
          lastIndex = i - 1;
        }
        last = found;
        return found;
      }
      found = c;
    }
  }

  private ConfigMap get(int index) {
    String name = LogConfigMaps.name(buildId, source, index);
    return retry.call(
        "get ConfigMap " + name,
        () -> client.configMaps().inNamespace(namespace).withName(name).get());
  }
}
