package dev.kubeherd.cli.ops;

import io.fabric8.kubernetes.client.LocalPortForward;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The errors of a port-forward's connections not reported yet: fabric8's {@link
 * LocalPortForward#isAlive()} only says the local socket is open, while each connection's failure
 * (pod gone, no pods/portforward permission) is collected in its client and server throwables. Each
 * distinct message is reported once.
 */
final class ForwardErrors {
  private final LocalPortForward forward;
  private final Set<String> reported = new HashSet<>();

  ForwardErrors(LocalPortForward forward) {
    this.forward = forward;
  }

  /** The messages of the errors that occurred since the last call, each message once. */
  List<String> fresh() {
    List<String> fresh = new ArrayList<>();
    if (!forward.errorOccurred()
        && forward.getClientThrowables().isEmpty()
        && forward.getServerThrowables().isEmpty()) {
      return fresh;
    }
    Stream.concat(forward.getClientThrowables().stream(), forward.getServerThrowables().stream())
        .map(ForwardErrors::message)
        .filter(reported::add)
        .forEach(fresh::add);
    return fresh;
  }

  /** All messages so far, for the final error. */
  List<String> all() {
    fresh();
    return List.copyOf(reported);
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
