package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secrets never reach a stored log, whichever way a build prints them. */
class SecretMaskingTest extends WorkerTest {

  @Test
  void secretsPrintedByTheScriptAndByJobsAreMaskedInEveryStoredLog() {
    harness
        .with("secrets", "{\"TOKEN\":\"t0k-s3cret\",\"PIN\":\"42\"}")
        .with("github.token", "ghp_0123456789")
        .with("sshKey", "-----BEGIN KEY-----\nQUFBQUIzTnphQzF5\n-----END KEY-----");
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async (e, p) => {
              console.log("script sees " + p.secrets.TOKEN + " and " + p.secrets.PIN);
              const j = new Job("leak", "", [
                "printf 'job: %s' \\"$TOKEN\\"; sleep 0.1; echo ' key QUFBQUIz' | tr -d '\\n'; echo TnphQzF5 ghp_0123456789"]);
              j.env = { TOKEN: p.secrets.TOKEN };
              await j.run();
            });
            """);

    assertThat(run.succeeded()).isTrue();
    assertThat(run.log())
        .contains("script sees *** and 42")
        .contains("not masked in logs (shorter than 3 characters): secrets.PIN")
        .doesNotContain("t0k-s3cret");
    assertThat(harness.jobLog(run, run.pod("leak"))).isEqualTo("job: *** key *** ***\n");
  }

  @Test
  void malformedProjectSecretsFailTheBuildSayingWhereWithoutEchoingTheValue() {
    harness.with("secrets", "{\"token\": supersecretvalue123}");

    var run = harness.run("require('brigadier');");

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("project secrets is not valid JSON (line 1, column")
        .doesNotContain("supersecret")
        .doesNotContain("value123")
        .doesNotContain("token");
    assertThat(run.log())
        .contains("project secrets is not valid JSON")
        .doesNotContain("supersecret")
        .doesNotContain("value123");
  }

  @Test
  void aProjectWithoutSecretsLogsAsBefore() {
    var run = harness.run("console.log('plain text, nothing hidden')");

    assertThat(run.log()).contains("plain text, nothing hidden").doesNotContain("***");
  }

  @Test
  void aFailureMessageQuotingASecretIsStoredMasked() {
    harness.with("secrets", "{\"token\":\"SuperSecretValue123\"}");

    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", (e, p) => { throw new Error("failing with " + p.secrets.token); });
            """);

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("Error: failing with ***")
        .doesNotContain("SuperSecretValue123");
    assertThat(harness.builds.find(run.buildId()).orElseThrow().status().message())
        .contains("failing with ***")
        .doesNotContain("SuperSecretValue123");
  }

  @Test
  void aJobsRunResultIsMaskedLikeItsLogs() {
    harness.with("secrets", "{\"TOKEN\":\"t0k-s3cret\"}");

    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async (e, p) => {
              const j = new Job("echo-secret", "", ["echo \\"token=$TOKEN\\""]);
              j.env = { TOKEN: p.secrets.TOKEN };
              const result = String(await j.run());
              const logs = await j.logs();
              console.log("result " + JSON.stringify(result) + " logs " + JSON.stringify(logs));
              console.log("raw secret in result: " + result.includes(p.secrets.TOKEN));
            });
            """);

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("result \"token=***\\n\" logs \"token=***\\n\"")
        .contains("raw secret in result: false");
  }
}
