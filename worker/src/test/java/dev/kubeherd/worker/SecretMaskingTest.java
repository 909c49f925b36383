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
  void aProjectWithoutSecretsLogsAsBefore() {
    var run = harness.run("console.log('plain text, nothing hidden')");

    assertThat(run.log()).contains("plain text, nothing hidden").doesNotContain("***");
  }
}
