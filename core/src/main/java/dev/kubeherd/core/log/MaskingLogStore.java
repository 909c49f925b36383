package dev.kubeherd.core.log;

import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.util.List;

/**
 * A build's view of a {@link LogStore} whose sinks mask the project's {@link SecretValues}. The
 * worker wraps its store in one per build, so the worker log and every job log (whatever executor
 * writes it) are masked at write time. Reads pass through: the stored text is already masked.
 */
public final class MaskingLogStore implements LogStore {
  private final LogStore store;
  private final SecretValues secrets;

  private MaskingLogStore(LogStore store, SecretValues secrets) {
    this.store = store;
    this.secrets = secrets;
  }

  /** {@code store} itself when there is nothing to mask. */
  public static LogStore wrap(LogStore store, SecretValues secrets) {
    return secrets.isEmpty() ? store : new MaskingLogStore(store, secrets);
  }

  @Override
  public LogSink open(String buildId, String source) {
    return new MaskingLogSink(store.open(buildId, source), secrets.values());
  }

  @Override
  public String read(String buildId, String source) {
    return store.read(buildId, source);
  }

  @Override
  public List<String> sources(String buildId) {
    return store.sources(buildId);
  }
}
