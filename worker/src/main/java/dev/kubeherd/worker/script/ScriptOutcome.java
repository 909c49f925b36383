package dev.kubeherd.worker.script;

/** How a build's script ended: success, or failure with the reason users see in status and brig. */
public record ScriptOutcome(boolean succeeded, int exitCode, String message) {
  public static ScriptOutcome success() {
    return new ScriptOutcome(true, 0, "");
  }

  public static ScriptOutcome failure(String message) {
    return new ScriptOutcome(false, 1, message);
  }
}
