package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventDispatchTest extends WorkerTest {

  @Test
  void runsEveryHandlerOfTheEventInRegistrationOrder() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", () => console.log("first"));
            events.on("exec", () => console.log("second"));
            events.on("push", () => console.log("not me"));
            """);
    assertThat(run.succeeded()).isTrue();
    assertThat(run.log()).containsSubsequence("first", "second").doesNotContain("not me");
  }

  @Test
  void unknownEventSucceedsAndSaysNoHandlerMatched() {
    var run =
        harness.run(
            "const { events } = require('brigadier'); events.on('push', () => {});", "nope");
    assertThat(run.succeeded()).isTrue();
    assertThat(run.log()).contains("no handler for event \"nope\"").contains("no-after: fired");
  }

  @Test
  void eventAndProjectCarryV1Fields() {
    harness.with("repository", "github.com/kubeherd/test-project").with("secrets", "{\"k\":\"v\"}");
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", (e, p) => {
              console.log([e.type, e.provider, e.buildID.length, e.workerID.startsWith("brigade-worker-"),
                typeof e.payload, e.revision.ref === "", p.name, p.repo.name, p.secrets.k,
                p.allowPrivilegedJobs, p.allowHostMounts, p.kubernetes.buildStorageSize].join("|"));
            });
            """);
    assertThat(run.log())
        .contains(
            "exec|brigade-cli|26|true|string|true|github.com/kubeherd/test-project"
                + "|kubeherd/test-project|v|true|false|50Mi");
  }

  @Test
  void afterFiresOnceAllWorkIsDoneWithSuccessCause() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", () => { new Job("late", "", ["sleep 0.2", "echo late done"]).run(); });
            events.on("after", (e) => console.log("after:", e.type, e.provider, e.cause.trigger, e.cause.event.type));
            """);
    assertThat(run.succeeded()).isTrue();
    assertThat(run.log())
        .containsSubsequence("phase Succeeded", "after: after brigade success exec")
        .contains("after: default event handler fired");
  }

  @Test
  void afterHasTriggerFailureWhenTheScriptSetANonZeroExitCode() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", () => { process.exitCode = 3; });
            events.on("after", (e) => console.log("trigger", e.cause.trigger));
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.log()).contains("trigger failure");
  }

  @Test
  void afterIsMadeFromTheBuildsEventAndProjectNotFromOneTheScriptFired() {
    var run =
        harness.run(
            """
            const { events, fire } = require("brigadier");
            events.on("exec", (e, p) => fire({ type: "deploy", buildID: "fired-id" }, { name: "fired-project" }));
            events.on("deploy", () => console.log("deploy ran"));
            events.on("after", (e, p) => console.log("after-cause", e.cause.event.type,
              e.buildID === e.cause.event.buildID, e.buildID.length, p.name));
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .containsSubsequence("deploy ran", "after-cause exec true 26 kubeherd/test-project");
  }

  @Test
  void errorIsMadeFromTheBuildsEventAndProjectNotFromOneTheScriptFired() {
    var run =
        harness.run(
            """
            const { events, fire } = require("brigadier");
            events.on("exec", (e, p) => {
              fire({ type: "deploy", buildID: "fired-id" }, { name: "fired-project" });
              throw new Error("after firing");
            });
            events.on("deploy", () => console.log("deploy ran"));
            events.on("error", (e, p) => console.log("error-cause", e.cause.event.type,
              e.buildID === e.cause.event.buildID, e.buildID.length, p.name));
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.log())
        .containsSubsequence("deploy ran", "error-cause exec true 26 kubeherd/test-project");
  }

  @Test
  void thrownErrorInHandlerFiresErrorOnceAndSkipsAfter() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", () => { throw new Error("handler broke"); });
            events.on("error", (e) => console.log("error:", e.cause.trigger, e.cause.reason.message, e.cause.event.type));
            events.on("after", () => console.log("AFTER RAN"));
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().exitCode()).contains(1);
    assertThat(run.log())
        .contains("error: unhandledRejection handler broke exec")
        .doesNotContain("AFTER RAN");
    assertThat(run.status().message()).contains("handler broke");
  }

  @Test
  void rejectedAsyncHandlersFireErrorOnlyOnceAndSiblingsAreAwaited() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => { throw new Error("one"); });
            events.on("exec", async () => { throw new Error("two"); });
            events.on("exec", () => { new Job("sibling", "", ["sleep 0.3", "echo sibling finished"]).run(); });
            events.on("error", () => console.log("ERROR EVENT"));
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.log().split("ERROR EVENT", -1)).hasSize(2);
    assertThat(run.jobs())
        .singleElement()
        .satisfies(j -> assertThat(j.phase().display()).isEqualTo("Succeeded"));
  }

  @Test
  void registryBehavesLikeAnEventEmitter() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            let n = 0;
            const h = () => n++;
            events.once("custom", h);
            events.emit("custom"); events.emit("custom");
            events.on("x", h); events.removeListener("x", h);
            console.log("count", n, events.has("custom"), events.has("ping"), events.listenerCount("x"));
            events.on("exec", (e, p) => events.fire({ type: "chained", cause: { event: e } }, p));
            events.on("chained", (e) => console.log("chained from", e.cause.event.type));
            """);
    assertThat(run.log()).contains("count 1 false true 0").contains("chained from exec");
  }

  @Test
  void registryHasNodesListenerLimitRawListenersAndPrependOnce() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            const calls = [];
            const first = () => calls.push("first");
            events.on("r", first); events.on("r", () => calls.push("other")); events.on("r", first);
            events.removeListener("r", first);
            events.emit("r");
            events.on("p", () => calls.push("p-on"));
            events.prependOnceListener("p", () => calls.push("p-once"));
            events.emit("p"); events.emit("p");
            const o = () => calls.push("raw-once");
            events.once("raw", o);
            const raw = events.rawListeners("raw");
            console.log("raw", raw.length, raw[0] !== o, raw[0].listener === o, events.listeners("raw")[0] === o);
            raw[0](); events.emit("raw");
            console.log("calls", calls.join(","));
            console.log("max", events.getMaxListeners(), events.setMaxListeners(2) === events, events.getMaxListeners());
            for (let i = 0; i < 3; i++) events.on("many", () => {});
            events.on("many", () => {});
            try { events.setMaxListeners(-1); } catch (e) { console.log("negative:", e.name); }
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("raw 1 true true true")
        .contains("calls first,other,p-once,p-on,p-on,raw-once")
        .contains("max 10 true 2")
        .contains("negative: RangeError");
    assertThat(run.log())
        .containsOnlyOnce("MaxListenersExceededWarning")
        .contains(
            "MaxListenersExceededWarning: Possible EventEmitter memory leak detected."
                + " 3 many listeners added. Use emitter.setMaxListeners() to increase limit");
  }

  @Test
  void builtInPingHandlerLogsPing() {
    var run = harness.run("require('brigadier');", "ping");
    assertThat(run.succeeded()).isTrue();
    assertThat(run.log()).contains("\nping\n");
  }

  @Test
  void aThrowInATimerFailsTheBuildAndCancelsRunningJobs() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", () => {
              new Job("long", "", ["sleep 30"]).run().catch(() => {});
              setTimeout(() => { throw new Error("timer blew up"); }, 50);
            });
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains("timer blew up");
    assertThat(run.log()).contains("worker crashed");
  }
}
