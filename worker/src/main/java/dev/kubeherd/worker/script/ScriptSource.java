package dev.kubeherd.worker.script;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * The brigade.js to run: its text, the name shown in errors and stack traces, and the directory its
 * relative {@code require}s resolve from (the checkout root, as for v1's {@code /vcs}).
 */
public record ScriptSource(String name, String text, Path dir, String origin) {
  /**
   * A line holding an import or export statement (not {@code import(…)} or {@code import.meta}).
   */
  private static final Pattern MODULE_STATEMENT =
      Pattern.compile("^\\s*(import|export)(?![\\w$])(?!\\s*[(.])");

  /**
   * ES module by name ({@code .mjs}). Any other script is compiled as CommonJS first and is a
   * module only when that fails on an import or export statement (see {@link #needsModule}): a line
   * such as {@code export PATH=…} inside a template literal keeps a script CommonJS.
   */
  public boolean isModule() {
    return name.endsWith(".mjs");
  }

  /**
   * Whether compiling this script as CommonJS failed because it has import/export statements, so
   * that it is to be run as an ES module instead.
   */
  boolean needsModule(PolyglotException compileFailure) {
    if (!compileFailure.isSyntaxError()) {
      return false;
    }
    SourceSection at = compileFailure.getSourceLocation();
    if (at == null || !at.isAvailable()) {
      return false;
    }
    return text.lines()
        .skip(Math.max(0, at.getStartLine() - 1))
        .findFirst()
        .filter(line -> MODULE_STATEMENT.matcher(line).find())
        .isPresent();
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
