package dev.kubeherd.cli.output;

import java.time.Duration;

/** Short human durations as kubectl and brig print ages: {@code 42s}, {@code 5m}, {@code 3h}. */
public final class Ages {
  private Ages() {}

  public static String shortHuman(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + "h";
    }
    long days = hours / 24;
    return days < 365 ? days + "d" : days / 365 + "y";
  }
}
