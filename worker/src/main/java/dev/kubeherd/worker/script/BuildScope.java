package dev.kubeherd.worker.script;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a script run needs to know about its build: IDs, the script, the root its files and modules
 * are confined to, the event and project as the JSON handed to brigade.js, and the variables of its
 * {@code process.env}.
 */
public record BuildScope(
    String buildId,
    String eventType,
    String eventJson,
    String projectJson,
    boolean allowHostMounts,
    ScriptSource script,
    Path root,
    Map<String, String> processEnv) {

  public BuildScope {
    processEnv = Collections.unmodifiableMap(new LinkedHashMap<>(processEnv));
  }
}
