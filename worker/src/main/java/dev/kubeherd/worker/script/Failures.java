package dev.kubeherd.worker.script;

import java.util.regex.Matcher;
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
    if (e.isSyntaxError() && isWrapped(at)) {
      message = inWrapperTail(at) ? atScriptEnd(message, at) : withoutWrapper(message, at);
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
    return at.getStartLine() >= at.getSource().getLineCount();
  }

  /** Whether {@code at} lies in a script wrapped by {@link WorkerHost}. */
  private static boolean isWrapped(SourceSection at) {
    if (at == null || at.getSource() == null || !at.getSource().hasCharacters()) {
      return false;
    }
    String text = at.getSource().getCharacters().toString();
    return text.startsWith(WorkerHost.WRAP_HEAD) && text.endsWith(WorkerHost.WRAP_TAIL);
  }

  /**
   * A syntax error message as the script's author wrote the script: the parser's follow-up errors
   * in the wrapper's closing line are left out, and on line 1, which the wrapper's head shares, the
   * column, the quoted code and its caret are the script's own.
   */
  private static String withoutWrapper(String message, SourceSection at) {
    Source source = at.getSource();
    Pattern location =
        Pattern.compile(
            "^(SyntaxError: )?" + Pattern.quote(source.getName()) + ":(\\d+):(\\d+)( .*)$");
    int head = WorkerHost.WRAP_HEAD.length();
    StringBuilder kept = new StringBuilder();
    int afterLineOne = 0; // lines since a location on line 1: its code, then its caret
    for (String line : message.split("\n", -1)) {
      Matcher m = location.matcher(line);
      if (m.matches()) {
        int lineNo = Integer.parseInt(m.group(2));
        int column = Integer.parseInt(m.group(3));
        if (lineNo >= source.getLineCount()) {
          break; // the wrapper's "})": a consequence of the error above, not the script's
        }
        afterLineOne = lineNo == 1 && column >= head ? 1 : 0;
        if (afterLineOne == 1) {
          line =
              m.replaceFirst(
                  "$1"
                      + Matcher.quoteReplacement(source.getName())
                      + ":1:"
                      + (column - head)
                      + "$4");
        }
      } else if (afterLineOne == 1) {
        line = line.startsWith(WorkerHost.WRAP_HEAD) ? line.substring(head) : line;
        afterLineOne = 2;
      } else if (afterLineOne == 2) {
        line =
            line.length() >= head && line.substring(0, head).isBlank()
                ? line.substring(head)
                : line;
        afterLineOne = 0;
      }
      kept.append(line).append('\n');
    }
    return kept.toString().stripTrailing();
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
