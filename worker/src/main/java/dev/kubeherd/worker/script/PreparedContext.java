package dev.kubeherd.worker.script;

import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * A build's JavaScript context with the runtime sources already evaluated: {@code brigadier.js},
 * {@code console.js} and {@code runtime.js} have returned their factories, nothing has run yet and
 * no file is readable until {@link #bind} names the build's checkout. It may be prepared on another
 * thread (see {@link ScriptEngines#prewarm()}); from {@code bind} on it belongs to the build's
 * thread.
 *
 * @param context the context, closed by the build
 * @param files the context's file system, bound to the checkout by {@link #bind}
 * @param brigadierFactory {@code brigadier.js}'s value: {@code (host, console) => brigadier}
 * @param consoleFactory {@code console.js}'s value: {@code (host) => console}
 * @param runtimeFactory {@code runtime.js}'s value: {@code (host, brigadierFactory, consoleFactory)
 *     => runtime}
 */
record PreparedContext(
    Context context,
    CheckoutFileSystem files,
    Value brigadierFactory,
    Value consoleFactory,
    Value runtimeFactory) {

  /** Gives the context the build's checkout; once. */
  PreparedContext bind(Path checkout) {
    files.bind(checkout);
    return this;
  }
}
