package dev.kubeherd.sdkjs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JavaScript sources of the worker runtime, the {@code brigadier} module and the {@code
 * kubeherd} pipeline library, as resources.
 */
public enum SdkJs {
  /** Installs console, process, timers and require; returns the functions the worker drives. */
  RUNTIME("runtime.js"),
  /** The console factory: Node's console methods over the worker's log. */
  CONSOLE("console.js"),
  /** The factory of the script's {@code Buffer} (evaluated on first use). */
  BUFFER("buffer.js"),
  /** The CommonJS {@code brigadier} module factory. */
  BRIGADIER("brigadier.js"),
  /** The ES module face of {@code brigadier}. */
  BRIGADIER_ESM("brigadier.mjs"),
  /** The CommonJS {@code kubeherd} pipeline library factory (takes the brigadier module). */
  KUBEHERD("kubeherd.js"),
  /** The ES module face of {@code kubeherd}. */
  KUBEHERD_ESM("kubeherd.mjs");

  private final String file;

  SdkJs(String file) {
    this.file = file;
  }

  public String fileName() {
    return file;
  }

  public String text() {
    try (InputStream in = SdkJs.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("resource " + file + " missing from kubeherd-sdk-js");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}
