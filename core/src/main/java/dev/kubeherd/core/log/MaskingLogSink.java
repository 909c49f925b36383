package dev.kubeherd.core.log;

import dev.kubeherd.core.port.LogSink;
import java.util.Set;

/**
 * A {@link LogSink} that masks secrets before they reach the sink below: what is stored never holds
 * them, so every reader (brig, the dashboard, an archive) sees masked text. The undecided tail a
 * {@link SecretMasker} holds back goes out on {@link #close()}.
 */
public final class MaskingLogSink implements LogSink {
  private final LogSink sink;
  private final SecretMasker masker;

  public MaskingLogSink(LogSink sink, Set<String> secrets) {
    this.sink = sink;
    this.masker = new SecretMasker(secrets, sink::write);
  }

  @Override
  public synchronized void write(String text) {
    masker.write(text);
  }

  @Override
  public synchronized void close() {
    try {
      masker.flush();
    } finally {
      sink.close();
    }
  }
}
