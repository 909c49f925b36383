package dev.kubeherd.worker.script;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The brigade.js to run: its text, the name shown in errors and stack traces, and the directory its
 * relative {@code require}s resolve from (the checkout root, as for v1's {@code /vcs}).
 */
public record ScriptSource(String name, String text, Path dir, String origin) {
  /**
   * A line holding an import or export statement, perhaps after a byte order mark (not {@code
   * import(…)} or {@code import.meta}).
   */
  private static final Pattern MODULE_STATEMENT =
      Pattern.compile("^[\\s\\uFEFF]*(import|export)(?![\\w$])(?!\\s*[(.])", Pattern.MULTILINE);

  /**
   * ES module by name ({@code .mjs}). Any other script is compiled as CommonJS first and is a
   * module only when that fails with a syntax error, it has import/export lines and it parses as a
   * module (see {@code ScriptRun}): a line such as {@code export PATH=…} inside a template literal
   * keeps a script CommonJS.
   */
  public boolean isModule() {
    return name.endsWith(".mjs");
  }

  /**
   * Whether some line looks like an import or export statement: only such a script that does not
   * compile as CommonJS is tried as a module, and its module syntax error is the one reported.
   */
  boolean hasModuleStatements() {
    return MODULE_STATEMENT.matcher(text).find();
  }

  /**
   * {@code text} with a leading {@code #!} line (as in {@code #!/usr/bin/env node}, which Node
   * skips) turned into a {@code //} comment, so that it compiles inside a wrapper or as a module;
   * line and column numbers stay the same.
   */
  static String hashbangAsComment(String text) {
    return text.startsWith("#!") ? "//" + text.substring(2) : text;
  }
}
