package dev.kubeherd.cli.run;

import java.util.regex.Pattern;

/** Removes ANSI colour and style sequences ({@code ESC[...m}) from text. */
final class Ansi {
  private static final Pattern SGR = Pattern.compile("\u001B\\[[0-9;]*m");

  private Ansi() {}

  static String strip(String text) {
    return text.indexOf('\u001B') < 0 ? text : SGR.matcher(text).replaceAll("");
  }
}
