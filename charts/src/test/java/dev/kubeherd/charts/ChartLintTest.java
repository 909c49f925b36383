package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** {@code helm lint --strict} with the default values: no errors, no warnings. */
class ChartLintTest {
  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.kubeherd.charts.Charts#ALL")
  void chartPassesStrictLintWithDefaultValues(String chart) {
    LintResult result = Charts.lintStrict(chart);

    assertThat(result.isFailed()).as("lint of %s: %s", chart, result.getMessages()).isFalse();
  }
}
