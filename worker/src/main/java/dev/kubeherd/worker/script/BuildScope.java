package dev.kubeherd.worker.script;

import java.nio.file.Path;

/**
 * What a script run needs to know about its build: IDs, the script, the root its files and modules
 * are confined to, and the event and project as the JSON handed to brigade.js.
 */
public record BuildScope(
    String buildId,
    String eventType,
    String eventJson,
    String projectJson,
    boolean allowHostMounts,
    ScriptSource script,
    Path root) {}
