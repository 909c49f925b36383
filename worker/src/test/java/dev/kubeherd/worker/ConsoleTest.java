package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console methods of Node that build scripts use besides log/info/warn/error. */
class ConsoleTest extends WorkerTest {

  @Test
  void timeEndAndTimeLogPrintTheLabelAndItsMillisecondsLikeNode() {
    var run =
        harness.run(
            """
            console.time("build");
            console.timeLog("build", "half", 1);
            console.timeEnd("build");
            console.timeEnd("build");
            console.time(); console.timeEnd();
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .containsPattern("\nbuild: \\d+\\.\\d{3}ms half 1\nbuild: \\d+\\.\\d{3}ms\n")
        .contains("Warning: No such label 'build' for console.timeEnd()")
        .containsPattern("\ndefault: \\d+\\.\\d{3}ms\n");
  }

  @Test
  void countCountsPerLabelAndCountResetStartsAgain() {
    var run =
        harness.run(
            """
            console.count(); console.count(); console.count("x");
            console.countReset(); console.count();
            console.countReset("nope");
            """);
    assertThat(run.log())
        .contains("default: 1\ndefault: 2\nx: 1\ndefault: 1\n")
        .contains("Warning: Count for 'nope' does not exist");
  }

  @Test
  void groupsIndentEveryLineThatFollowsUntilGroupEnd() {
    var run =
        harness.run(
            """
            console.log("top");
            console.group("Outer");
            console.log("in 1\\nline 2");
            console.groupCollapsed();
            console.warn("deeper");
            console.groupEnd();
            console.error("back");
            console.groupEnd();
            console.groupEnd();
            console.log("top again");
            """);
    assertThat(run.log()).contains("top\nOuter\n  in 1\n  line 2\n    deeper\n  back\ntop again\n");
  }

  @Test
  void dirDirxmlAndTablePrintLikeLogAndAssertOnlyReports() {
    var run =
        harness.run(
            """
            console.dir({a: 1}, {depth: 0});
            console.dirxml("x", 2);
            console.table([{a: 1}]);
            console.assert(true, "NEVER SHOWN");
            console.assert(false);
            console.assert(0, "%s broke", "it");
            console.assert(null, {b: 2});
            console.log("still running");
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("{\"a\":1}\nx 2\n[{\"a\":1}]\n")
        .contains("Assertion failed\nAssertion failed: it broke\nAssertion failed {\"b\":2}\n")
        .contains("still running")
        .doesNotContain("NEVER SHOWN");
  }
}
