package dev.kubeherd.worker.script;

import java.nio.file.Path;

/**
 * The brigade.js to run: its text, the name shown in errors and stack traces, and the directory its
 * relative {@code require}s resolve from (the checkout root, as for v1's {@code /vcs}).
 */
public record ScriptSource(String name, String text, Path dir, String origin) {

  /** ES module when named {@code .mjs} or when it has top-level import/export statements. */
  public boolean isModule() {
    return name.endsWith(".mjs")
        || text.lines().anyMatch(l -> l.startsWith("import ") || l.startsWith("export "));
  }
}
