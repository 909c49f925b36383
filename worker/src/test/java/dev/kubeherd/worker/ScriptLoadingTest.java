package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import org.junit.jupiter.api.Test;

class ScriptLoadingTest extends WorkerTest {

  @Test
  void syntaxErrorFailsTheBuildNamingFileAndLine() {
    var run = harness.run("const a = 1;\nfoo(;\n");
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains("SyntaxError").contains("brigade.js:2");
    assertThat(run.log()).contains("error handler is firing");
  }

  @Test
  void runtimeErrorAtTopLevelNamesFileAndLineAndFiresErrorHandlers() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("error", () => console.log("user error handler ran"));
            null.boom;
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains("TypeError").contains("brigade.js:3");
    assertThat(run.log()).contains("user error handler ran");
  }

  @Test
  void allThreeModuleNamesServeBrigadier() {
    var run =
        harness.run(
            """
            const a = require("brigadier"), b = require("brigade"), c = require("@brigadecore/brigadier");
            console.log("same:", a === b && b === c, Object.keys(a).filter(k => ["events","fire","Job","Group","ErrorReport"].includes(k)).length);
            """);
    assertThat(run.log()).contains("same: true 5");
  }

  @Test
  void esModulesImportBrigadier() {
    var run =
        harness.run(
            BuildRequest.of(harness.projectId(), "exec", "cli")
                .withScript(
                    """
                    import { events, Job } from "brigadier";
                    events.on("exec", async () => console.log("esm:", String(await new Job("esm", "", ["echo ok"]).run()).trim()));
                    """));
    assertThat(run.log()).contains("esm: ok");
  }

  @Test
  void timersRunAndClearTimeoutCancels() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", () => {
              setTimeout(() => console.log("timeout fired"), 20);
              const t = setTimeout(() => console.log("CANCELLED FIRED"), 10);
              clearTimeout(t);
              let n = 0;
              const i = setInterval(() => { if (++n === 3) { clearInterval(i); console.log("interval x3"); } }, 5);
            });
            events.on("after", () => console.log("after ran"));
            """);
    assertThat(run.log())
        .contains("timeout fired", "interval x3")
        .doesNotContain("CANCELLED FIRED")
        .containsSubsequence("interval x3", "after ran");
  }

  @Test
  void scriptsCannotReachTheHost() {
    var run =
        harness.run(
            """
            try { Java.type("java.lang.System").exit(3); } catch (e) { console.log("java.type blocked"); }
            console.log("polyglot:", typeof Polyglot, "process:", typeof process);
            try { require("fs"); } catch (e) { console.log("fs:", e.message.split(":")[0]); }
            try { require("../../../../etc/passwd"); } catch (e) { console.log("escape blocked"); }
            """);
    assertThat(run.log())
        .contains("java.type blocked")
        .contains("polyglot: undefined process: undefined")
        .contains("fs: Cannot find module 'fs' from")
        .contains("escape blocked");
  }

  @Test
  void noScriptAnywhereIsASilentSuccess() {
    var run = harness.run(BuildRequest.of(harness.projectId(), "exec", "cli"));
    assertThat(run.succeeded()).isTrue();
    assertThat(run.log()).contains("no brigade.js found");
  }

  @Test
  void projectDefaultScriptIsTheFallback() {
    harness.with("defaultScript", "console.log('default script ran');");
    var run = harness.run(BuildRequest.of(harness.projectId(), "exec", "cli"));
    assertThat(run.log()).contains("default script ran");
  }
}
