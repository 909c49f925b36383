package dev.kubeherd.worker.script;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Describes script failures for logs: message, {@code file:line}, and the script stack. */
final class Failures {
  private Failures() {}

  static String describe(PolyglotException e) {
    StringBuilder sb = new StringBuilder(e.getMessage() == null ? "error" : e.getMessage());
    SourceSection at = e.getSourceLocation();
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
}
