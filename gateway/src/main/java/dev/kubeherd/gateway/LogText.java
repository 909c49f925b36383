package dev.kubeherd.gateway;

import java.util.regex.Pattern;

/** Sender input made safe for one log line: control characters replaced, length capped. Pure. */
public final class LogText {
  private static final int MAX = 200;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private LogText() {}

  public static String printable(String s) {
    if (s == null) {
      return "";
    }
    if (s.length() <= MAX && noControl(s)) {
      return s; // the usual case, without a regex
    }
    String clean = CONTROL.matcher(s).replaceAll("?");
    return clean.length() > MAX ? clean.substring(0, MAX) + "…" : clean;
  }

  private static boolean noControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
