package dev.kubeherd.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Order statistics over samples and the little formatting the benchmark tables need. */
final class Stats {
  private final double[] sorted;

  private Stats(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(this.sorted);
  }

  static Stats of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    return new Stats(values);
  }

  static Stats of(List<Double> values) {
    return of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Nanoseconds to milliseconds. */
  static Stats ofNanosAsMillis(long[] nanos) {
    return of(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
  }

  int count() {
    return sorted.length;
  }

  double min() {
    return sorted[0];
  }

  double max() {
    return sorted[sorted.length - 1];
  }

  double mean() {
    return Arrays.stream(sorted).average().orElseThrow();
  }

  double median() {
    return percentile(50);
  }

  /** Linear interpolation between closest ranks (the usual "R-7" definition). */
  double percentile(double p) {
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }

  static String f(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
  }

  static void row(String... cells) {
    System.out.println("| " + String.join(" | ", cells) + " |");
  }

  static void header(String... cells) {
    row(cells);
    row(Arrays.stream(cells).map(c -> "---").toArray(String[]::new));
  }
}
