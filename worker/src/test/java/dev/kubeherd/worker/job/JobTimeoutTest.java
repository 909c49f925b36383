package dev.kubeherd.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job's effective timeout is v1's {@code job.timeout || 60000} used as a number of milliseconds:
 * falsy values give 60000, numeric strings count as their number (contract §4.5; the 900000 default
 * is the {@code Job} constructor's).
 */
class JobTimeoutTest {
  static Context js;

  @BeforeAll
  static void context() {
    js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
  }

  @AfterAll
  static void close() {
    js.close();
  }

  private static Value job(String timeoutExpression) {
    return js.eval("js", "({name: 'j', timeout: " + timeoutExpression + "})");
  }

  // JavaScript strings in double quotes: CsvSource takes single quotes for its own quoting
  @ParameterizedTest(name = "timeout {0} -> {1} ms")
  @CsvSource(
      delimiter = '|',
      value = {
        "undefined  | 60000",
        "null       | 60000",
        "0          | 60000",
        "\"\"         | 60000",
        "false      | 60000",
        "NaN        | 60000",
        "5000       | 5000",
        "\"5000\"     | 5000",
        "\" 42 \"     | 42",
        "\"1e3\"      | 1000",
        "1500.9     | 1500",
        "900000     | 900000",
        "2147483647 | 2147483647"
      })
  void theEffectiveTimeoutIsV1sTimeoutOr60000AsANumber(String value, long expectedMillis) {
    assertThat(JobSpecReader.timeoutMillis(job(value))).isEqualTo(expectedMillis);
  }

  @ParameterizedTest(name = "timeout {0} is refused")
  @ValueSource(strings = {"'abc'", "-5", "'0'", "({})", "[1, 2]", "2147483648"})
  void aTruthyTimeoutThatIsNoUsableNumberIsRefusedWithTheValue(String value) {
    assertThatThrownBy(() -> JobSpecReader.timeoutMillis(job(value)))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("timeout")
        .hasMessageContaining("between 1 and 2147483647");
  }
}
