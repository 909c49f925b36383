package dev.kubeherd.sdkjs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * kubeherd's bundled default {@code brigade.js} of each pipeline level, as resources {@code
 * dev/kubeherd/sdkjs/defaults/brigade.<level>.default.js}: what a project runs when neither its
 * repository nor the cluster repository has an override.
 */
public enum DefaultScripts {
  /** Level 1, the cluster repository: {@code kubeherd sync master}. */
  MASTER("brigade.master.default.js"),
  /**
   * Level 2, one app's infrastructure from the cluster repository: {@code kubeherd sync worker}.
   */
  WORKER("brigade.worker.default.js"),
  /** Level 3, the app repository: {@code kubeherd sync app}. */
  APP("brigade.app.default.js");

  /** The resource directory, relative to the class path root. */
  public static final String RESOURCE_DIR = "dev/kubeherd/sdkjs/defaults/";

  private final String file;

  DefaultScripts(String file) {
    this.file = file;
  }

  /** {@code brigade.master.default.js}. */
  public String fileName() {
    return file;
  }

  /** {@code dev/kubeherd/sdkjs/defaults/brigade.master.default.js}. */
  public String resourceName() {
    return RESOURCE_DIR + file;
  }

  public String text() {
    try (InputStream in =
        DefaultScripts.class.getClassLoader().getResourceAsStream(resourceName())) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + resourceName() + " missing from kubeherd-sdk-js");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resourceName(), e);
    }
  }
}
