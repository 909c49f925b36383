package dev.kubeherd.core.port;

import dev.kubeherd.core.model.Build;
import java.util.Optional;

/**
 * A stream of builds for a controller: every build that exists when a subscription starts arrives
 * first, then builds as they are created or changed. A build can arrive more than once (each change
 * of its stored form, including its status), so listeners must be idempotent.
 *
 * <p>A stored build that cannot be read arrives as an {@link InvalidBuild} instead, so a controller
 * can mark it failed and carry on with the others.
 */
public interface BuildFeed {

  /**
   * Starts delivering to {@code listener}; returns once the builds that exist now have been listed.
   * Calls to the listener come from one thread, in order.
   */
  Subscription subscribe(Listener listener);

  /** Receives builds; exceptions it throws are logged and do not stop the feed. */
  interface Listener {
    void build(Build build);

    void invalid(InvalidBuild invalid);

    /**
     * Whether this listener wants builds that no worker has claimed yet. A listener that only acts
     * on running and ended builds (a status reporter) says no, and a feed may then skip reading a
     * pending build's stored form, payload and all, until its status changes; such a listener is
     * also not told about a pending build that cannot be read. Feeds that get the whole build for
     * free may deliver pending builds regardless.
     */
    default boolean wantsPending() {
      return true;
    }
  }

  /** Stops the deliveries. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A stored build that could not be read.
   *
   * @param source where it is stored (a Secret name, a file), for a human to find it
   * @param buildId its build ID when that much could be read, so its status can be set
   * @param reason what is wrong, in words that say what to fix
   */
  record InvalidBuild(String source, Optional<String> buildId, String reason) {}
}
