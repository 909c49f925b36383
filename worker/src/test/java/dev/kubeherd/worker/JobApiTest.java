package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobApiTest extends WorkerTest {
  static final String NAME_MESSAGE =
      "job name must be lowercase letters, numbers, and '-', and must not start or end with '-',"
          + " having max length 36";

  @ParameterizedTest
  @ValueSource(strings = {"ab", "a-b", "a.b", "a12345678b", "abcdefghijabcdefghijabcdefghijabcdef"})
  void acceptsLegalJobNames(String name) {
    var run =
        harness.run(
            "const { Job } = require('brigadier'); console.log('made', new Job('"
                + name
                + "').name);");
    assertThat(run.log()).contains("made " + name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ab-", "-ab", "a_b", "ab.", "A-B", "abcdefghijabcdefghijabcdefghijabcdefg", ""})
  void rejectsIllegalJobNamesWithTheV1Message(String name) {
    var run =
        harness.run(
            """
            const { Job } = require("brigadier");
            try { new Job("%s"); } catch (e) { console.log("caught:", e.message); }
            """
                .formatted(name));
    assertThat(run.log()).contains("caught: " + NAME_MESSAGE);
  }

  @Test
  void invalidJobNameAtTopLevelFailsTheBuild() {
    var run = harness.run("const { Job } = require('brigadier');\nnew Job('Bad_Name');\n");
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains(NAME_MESSAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Up_Case", "", "../../escape", "a b"})
  void aJobRenamedAfterConstructionToAnIllegalNameIsRejectedWithoutRunning(String name) {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const j = new Job("renamed", "alpine", ["echo should-not-run"]);
              j.name = "%s";
              try { await j.run(); console.log("resolved"); } catch (e) { console.log("caught:", e.message); }
            });
            """
                .formatted(name));
    assertThat(run.log())
        .contains("caught: job " + name + "(" + name + "-" + run.buildId() + "): Error: ")
        .contains("job name \"" + name + "\" (changed after new Job()) is not valid")
        .doesNotContain("resolved")
        .doesNotContain("could not record job");
    assertThat(run.jobs()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasks", "args"})
  void tasksOrArgsThatAreNoArrayRejectTheJobInsteadOfRunningNothing(String property) {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const j = new Job("str", "alpine");
              j.%s = "echo ran";
              try { await j.run(); console.log("resolved"); } catch (e) { console.log("caught:", e.message); }
            });
            """
                .formatted(property));
    assertThat(run.log())
        .contains(
            "caught: job str("
                + run.pod("str")
                + "): Error: job."
                + property
                + " must be an array of strings, not a string: write job."
                + property
                + " = [\"echo ran\"]")
        .doesNotContain("resolved");
  }

  @Test
  void aJobThatWouldRunItsImagesEntrypointSaysLocalProcessesRunNothing() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const r = await new Job("deploy", "myorg/deployer:1").run();
              console.log("result=[" + r + "]");
              await new Job("echoer", "alpine", ["echo hi"]).run();
            });
            """);

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("job deploy has no tasks and no args: in a pod its image myorg/deployer:1")
        .contains("--runtime podman")
        .contains("result=[]")
        .doesNotContain("job echoer has no tasks");
  }

  @Test
  void jobHasV1Defaults() {
    var run =
        harness.run(
            """
            const { Job } = require("brigadier");
            const j = new Job("defaults", "img");
            console.log(JSON.stringify([j.image, j.tasks, j.shell, j.args, j.mountPath, j.timeout, j.useSource,
              j.privileged, j.imageForcePull, j.cache.enabled, j.cache.size, j.cache.path, j.storage.enabled,
              j.storage.path, j.docker.enabled, j.streamLogs, j.podName, j.host.nodeSelector instanceof Map]));
            """);
    assertThat(run.log())
        .contains(
            "[\"img\",[],\"/bin/sh\",[],\"/src\",900000,true,false,false,false,\"5Mi\","
                + "\"/mnt/brigade/cache\",false,\"/mnt/brigade/share\",false,false,\"\",true]");
  }

  @Test
  void runResolvesToAResultWhoseStringIsTheJobLog() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const j = new Job("hello", "alpine", ["echo hello", "echo world >&2"]);
              const r = await j.run();
              console.log("pod: " + j.podName);
              console.log("result=" + JSON.stringify(r.toString()) + " data=" + (r.data === r.toString()));
              console.log("logs=" + JSON.stringify(await j.logs()));
            });
            """);
    assertThat(run.log())
        .contains("pod: " + run.pod("hello"))
        .contains("result=\"hello\\nworld\\n\" data=true")
        .contains("logs=\"hello\\nworld\\n\"");
    assertThat(harness.jobLog(run, run.pod("hello"))).isEqualTo("hello\nworld\n");
  }

  @Test
  void failingJobRejectsWithTheV1Message() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              try { await new Job("bad", "", ["exit 4"]).run(); }
              catch (e) { console.log("caught:", e.message); }
            });
            """);
    assertThat(run.succeeded()).isTrue();
    String pod = run.pod("bad");
    assertThat(run.log())
        .contains(
            "caught: job bad(" + pod + "): Error: Pod " + pod + " failed to run to completion");
  }

  @Test
  void timeoutRejectsWithTheV1Message() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", () => { const j = new Job("slow", "", ["sleep 30"]); j.timeout = 300; return j.run(); });
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("job slow(" + run.pod("slow") + "): Error: time limit (300 ms) exceeded");
  }

  @Test
  void aNumericStringTimeoutCountsAsItsNumberAndAnUnusableOneRejectsTheJob() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const slow = new Job("slow", "", ["sleep 20"]);
              slow.timeout = "300";
              try { await slow.run(); } catch (e) { console.log("slow:", e.message); }
              const odd = new Job("odd", "", ["echo never"]);
              odd.timeout = "soon";
              try { await odd.run(); } catch (e) { console.log("odd:", e.message); }
            });
            """);
    assertThat(run.log())
        .contains("slow: job slow(" + run.pod("slow") + "): Error: time limit (300 ms) exceeded")
        .contains("odd: job odd(" + run.pod("odd") + "): Error: timeout \"soon\" is not")
        .doesNotContain("never");
  }

  @Test
  void envComesFromProjectSecretsAndSecretKeyRefIsGated() {
    harness.with("secrets", "{\"TOKEN\":\"t0k\",\"REF\":\"from-ref\"}");
    String script =
        """
        const { events, Job } = require("brigadier");
        events.on("exec", async (e, p) => {
          const j = new Job("env", "", ["echo token=$TOKEN ref=$REF empty=[$EMPTY]"]);
          j.env = { TOKEN: p.secrets.TOKEN, REF: { secretKeyRef: { name: "x", key: "REF" } }, EMPTY: null };
          console.log(String(await j.run()));
        });
        """;
    var denied = harness.run(script);
    assertThat(denied.log())
        .contains("token=*** ref= empty=[]")
        .contains("kubernetes.allowSecretKeyRef");
    harness.with("kubernetes.allowSecretKeyRef", "true");
    assertThat(harness.run(script).log()).contains("token=*** ref=*** empty=[]");
  }

  @Test
  void subclassedJobsRun() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            class Echo extends Job {
              constructor(name, word) { super(name, "alpine"); this.tasks.push("echo " + word); }
            }
            events.on("exec", async () => console.log("sub:", String(await new Echo("echo-job", "hi").run()).trim()));
            """);
    assertThat(run.log()).contains("sub: hi");
  }

  @Test
  void jobNamesAreUniquePerBuild() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              await new Job("twice", "", ["true"]).run();
              try { await new Job("twice", "", ["true"]).run(); } catch (e) { console.log("second:", e.message); }
            });
            """);
    assertThat(run.log())
        .contains("second: job twice(" + run.pod("twice") + "): Error: a job named");
  }

  @Test
  void hostPathVolumesNeedAllowHostMountsAndThrowSynchronously() {
    var run =
        harness.run(
            """
            const { Job } = require("brigadier");
            const j = new Job("vol", "alpine", ["true"]);
            j.volumes = [{ name: "h", hostPath: { path: "/etc" } }];
            try { j.run(); } catch (e) { console.log("sync:", e.message); }
            const k = new Job("mnt", "alpine", ["true"]);
            k.volumeMounts = [{ name: "missing", mountPath: "/x" }];
            try { k.run(); } catch (e) { console.log("sync:", e.message); }
            """);
    assertThat(run.log())
        .contains("sync: allowHostMounts is false in this project, not mounting /etc")
        .contains("sync: volume missing referenced in volume mount is not defined");
  }

  @Test
  void streamLogsCopiesJobOutputIntoTheWorkerLog() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", () => { const j = new Job("chatty", "", ["echo streamed line"]); j.streamLogs = true; return j.run(); });
            """);
    assertThat(run.log()).contains("/" + run.pod("chatty") + " logs streamed line");
  }
}
