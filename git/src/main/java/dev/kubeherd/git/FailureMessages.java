package dev.kubeherd.git;

/** What JGit failures say, for messages that name what failed. */
public final class FailureMessages {
  private FailureMessages() {}

  /** The messages of the exception and its causes, without repeats. */
  public static String of(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !all.toString().contains(m)) {
        all.append(all.isEmpty() ? "" : ": ").append(m);
      }
    }
    return all.isEmpty() ? e.toString() : all.toString();
  }
}
