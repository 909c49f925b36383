package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import java.util.function.Consumer;

/**
 * Where the controller hears about builds: every existing build first, then each new or changed
 * one. In Kubernetes mode an informer on build Secrets; adapt the core {@code BuildFeed} port to it
 * with a lambda.
 */
@FunctionalInterface
public interface BuildEvents {

  /**
   * Delivers builds to {@code listener} until the returned handle is closed.
   *
   * @return closing it stops the delivery
   */
  AutoCloseable subscribe(Consumer<Build> listener);
}
