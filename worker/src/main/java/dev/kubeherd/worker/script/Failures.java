package dev.kubeherd.worker.script;

import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/** Describes script failures for logs: message, {@code file:line}, and the script stack. */
final class Failures {
  private Failures() {}

  static String describe(PolyglotException e) {
    SourceSection at = e.getSourceLocation();
    String message = e.getMessage() == null ? "error" : e.getMessage();
    if (e.isSyntaxError() && inWrapperTail(at)) {
      message = atScriptEnd(message, at);
    }
    StringBuilder sb = new StringBuilder(message);
    if (at != null
        && at.getSource() != null
        && !sb.toString().contains(at.getSource().getName() + ":")) {
      sb.append(" (at ")
          .append(at.getSource().getName())
          .append(':')
          .append(at.getStartLine())
          .append(')');
    }
    for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
      if (f.isGuestFrame() && f.getSourceLocation() != null) {
        SourceSection s = f.getSourceLocation();
        sb.append("\n    at ")
            .append(f.getRootName().isEmpty() ? "<anonymous>" : f.getRootName())
            .append(" (")
            .append(s.getSource().getName())
            .append(':')
            .append(s.getStartLine())
            .append(')');
      }
    }
    return sb.toString();
  }

  /**
   * Whether a syntax error lies on the last line of its source: the {@code })} that closes the
   * CommonJS wrapper around every script ({@link WorkerHost}), reached when the script itself ends
   * with a bracket still open.
   */
  private static boolean inWrapperTail(SourceSection at) {
    if (at == null || at.getSource() == null || !at.getSource().hasCharacters()) {
      return false;
    }
    String text = at.getSource().getCharacters().toString();
    return text.startsWith(WorkerHost.WRAP_HEAD)
        && text.endsWith(WorkerHost.WRAP_TAIL)
        && at.getStartLine() >= at.getSource().getLineCount();
  }

  /** The message said at the script's own last line, without the wrapper's code quoted. */
  private static String atScriptEnd(String message, SourceSection at) {
    Source source = at.getSource();
    int last = source.getLineCount() - 1;
    while (last > 1 && source.getCharacters(last).toString().isBlank()) {
      last--;
    }
    String first = message.lines().findFirst().orElse(message);
    String why =
        first
            .replaceFirst("^SyntaxError: ", "")
            .replaceFirst(Pattern.quote(source.getName()) + ":\\d+:\\d+ ", "")
            .strip();
    return "SyntaxError: "
        + source.getName()
        + ":"
        + last
        + ": the script ends before a {, ( or [ opened earlier is closed ("
        + why
        + ")";
  }
}
