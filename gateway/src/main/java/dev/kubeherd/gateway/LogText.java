package dev.kubeherd.gateway;

/** Sender input made safe for one log line: control characters replaced, length capped. Pure. */
public final class LogText {
  private static final int MAX = 200;

  private LogText() {}

  public static String printable(String s) {
    if (s == null) {
      return "";
    }
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX ? clean.substring(0, MAX) + "…" : clean;
  }
}
