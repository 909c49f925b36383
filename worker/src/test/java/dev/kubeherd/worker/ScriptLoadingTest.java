package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
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
  void aScriptEndingTooSoonIsReportedAtItsOwnEndNotInTheModuleWrapper() {
    var run = harness.run("events.on(\"exec\", () => {\n  console.log(1);\n");

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("SyntaxError")
        .contains("brigade.js:2: the script ends before")
        .doesNotContain("brigade.js:3")
        .doesNotContain("})");
  }

  @Test
  void aSyntaxErrorInsideTheScriptIsReportedWithoutTheFollowUpErrorInTheModuleWrapper() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", () => {
              console.log("x"
            });
            """);

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains("SyntaxError: brigade.js:4:0 Expected , but");
    assertThat(run.log())
        .contains("brigade.js:4:0 Expected , but found }")
        .doesNotContain("brigade.js:6")
        .doesNotContain("eof");
  }

  @Test
  void aSyntaxErrorOnTheFirstLineShowsTheScriptsOwnColumnAndCodeNotTheModuleWrapper() {
    var run = harness.run("const a = (1 + ;\n");

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains("SyntaxError: brigade.js:1:15 Expected an operand");
    assertThat(run.log())
        .contains(
            "brigade.js:1:15 Expected an operand but found ;\nconst a = (1 + ;\n               ^")
        .doesNotContain("(function")
        .doesNotContain("exports");
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
  void anExportLineInsideATemplateLiteralLeavesTheScriptCommonJs() {
    var run =
        harness.run(
            "const { events, Job } = require(\"brigadier\");\n"
                + "const sh = `\nexport A=1\nimport B\necho $A\n`;\n"
                + "console.log(\"cjs:\", typeof module, typeof __dirname, typeof exports);\n"
                + "events.on(\"exec\", () => { n = 1; console.log(\"sloppy global\", globalThis.n); });\n");
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("cjs: object string object").contains("sloppy global 1");
  }

  @Test
  void aScriptWithTopLevelExportsRunsAsAModule() {
    var run =
        harness.run(
            """
            // an ES module: its first statement, below this comment, is an import
            import { events } from "brigadier";
            export const answer = 42;
            events.on("exec", () => console.log("module:", typeof module, answer));
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("module: undefined 42");
  }

  @Test
  void aModuleWithTopLevelAwaitBeforeItsImportsRunsAsAModule() {
    var run =
        harness.run(
            "const x = await Promise.resolve(41);\n"
                + "import { events } from \"brigadier\";\n"
                + "events.on(\"exec\", () => console.log(\"ESM-TLA-OK\", x + 1));\n");
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("ESM-TLA-OK 42");
  }

  @Test
  void aModuleStartingWithAByteOrderMarkRunsAsAModule() {
    var run =
        harness.run(
            "\uFEFFimport { events } from \"brigadier\";\n"
                + "events.on(\"exec\", () => console.log(\"ESM-BOM-OK\", typeof module));\n");
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("ESM-BOM-OK undefined");
  }

  @Test
  void topLevelAwaitInACommonJsScriptIsReportedAsItsSyntaxError() {
    var run =
        harness.run(
            "const { events } = require(\"brigadier\");\n"
                + "const x = await Promise.resolve(1);\n");
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains("SyntaxError").contains("brigade.js:2");
  }

  @Test
  void aSyntaxErrorInAModuleScriptNamesItsOwnLine() {
    var run = harness.run("import { events } from \"brigadier\";\nfoo(;\n");
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message()).contains("SyntaxError").contains("brigade.js:2");
  }

  @Test
  void aHashbangFirstLineIsIgnoredAndLineNumbersStay() {
    var ok = harness.run("#!/usr/bin/env node\nconsole.log('hashbang ok', typeof module);\n");
    var failing = harness.run("#!/usr/bin/env node\nrequire('brigadier');\nnull.boom;\n");
    assertThat(ok.succeeded()).as(ok.log()).isTrue();
    assertThat(ok.log()).contains("hashbang ok object");
    assertThat(failing.status().message()).contains("TypeError").contains("brigade.js:3");
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
            console.log("polyglot:", typeof Polyglot, "host env:", typeof process.env.PATH, typeof process.env.HOME);
            try { require("fs"); } catch (e) { console.log("fs:", e.message.split(":")[0]); }
            try { require("../../../../etc/passwd"); } catch (e) { console.log("escape blocked"); }
            """);
    assertThat(run.log())
        .contains("java.type blocked")
        .contains("polyglot: undefined host env: undefined undefined")
        .contains("fs: Cannot find module 'fs' from")
        .contains("escape blocked");
  }

  @Test
  void aPackageFromBrigadeJsonDependenciesThatIsNotVendoredSaysHowToProvideIt() {
    var run =
        harness.run(
            "const _ = require(\"lodash\");\n"
                + "const { events } = require(\"brigadier\");\n"
                + "events.on(\"exec\", () => console.log(_.VERSION));\n");
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("Cannot find module 'lodash'")
        .contains("brigade.json dependencies are not installed")
        .contains("node_modules/lodash");
  }

  @Test
  void aMisspelledBrigadierIsNamedInsteadOfAskingToVendorIt() {
    var run =
        harness.run(
            "const { events } = require(\"brigadeir\");\n"
                + "events.on(\"exec\", () => console.log(\"never\"));\n");
    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("Cannot find module 'brigadeir'")
        .contains("did you mean 'brigadier'?")
        .doesNotContain("node_modules/brigadeir");
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

  @Test
  void processEnvHoldsTheBuildsBrigadeVariablesAndNoHostEnvironmentOrSecrets() {
    harness
        .with("secrets", "{\"token\":\"SuperSecretValue123\"}")
        .with("github.token", "ghp_0123456789")
        .with("cloneURL", "https://github.com/kubeherd/test-project.git")
        .with("vcsSidecar", "");
    var run =
        harness.run(
            BuildRequest.of(harness.projectId(), "push", "github")
                .withRevision(new Revision("c0ffee", "refs/heads/main"))
                .withLogLevel("info")
                .withScript(
                    """
                    const env = process.env;
                    console.log("build", env.BRIGADE_BUILD_ID, env.BRIGADE_BUILD_NAME);
                    console.log("event", env.BRIGADE_EVENT_TYPE, env.BRIGADE_EVENT_PROVIDER);
                    console.log("rev", env.BRIGADE_COMMIT_ID, env.BRIGADE_COMMIT_REF);
                    console.log("project", env.BRIGADE_PROJECT_ID === env.BRIGADE_PROJECT_ID.toLowerCase(),
                      env.BRIGADE_PROJECT_ID.length, env.BRIGADE_REMOTE_URL);
                    console.log("ci", env.CI, env.BRIGADE_LOG_LEVEL, env.BRIGADE_SUBMODULES);
                    console.log("keys", Object.keys(env).filter(k => k !== "CI" && !k.startsWith("BRIGADE_")).length);
                    console.log("leaks", Object.values(env).some(v => /SuperSecret|ghp_/.test(v)),
                      "BRIGADE_REPO_AUTH_TOKEN" in env);
                    console.log("node", process.platform.length > 0, /^v12\\./.test(process.version),
                      process.exitCode);
                    """));
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("build " + run.buildId() + " brigade-worker-" + run.buildId())
        .contains("event push github")
        .contains("rev c0ffee refs/heads/main")
        .contains("project true 62 https://github.com/kubeherd/test-project.git")
        .contains("ci true info false")
        .contains("keys 0")
        .contains("leaks false false")
        .contains("node true true undefined");
  }

  @Test
  void settingProcessExitCodeFailsTheBuildWithThatCodeAfterItsHandlersRan() {
    var run =
        harness.run(
            """
            const { events } = require("brigadier");
            events.on("exec", () => { process.exitCode = 3; });
            events.on("after", () => console.log("after ran"));
            """);
    assertThat(run.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(run.status().exitCode()).contains(3);
    assertThat(run.status().message()).contains("process.exitCode").contains("3");
    assertThat(run.log()).contains("after ran");
  }

  @Test
  void consoleFormatsItsFirstArgumentLikeNodesUtilFormat() {
    var run =
        harness.run(
            """
            console.log("%s is %d years, %i%% sure: %j %o %O %f", "Bob", 42.5, "7.9x", {a: 1}, [1], {b: 2}, "1.5e1");
            console.log("%s:%s", "only");
            console.log("%% %s");
            console.log("%s", "x", "extra", 3, {c: 1});
            console.log("%c styled %d %s", "color: red", -0, null);
            console.log("%x stays %s", "ok");
            console.log("no specifiers", 1, "two", [3]);
            const circular = {}; circular.self = circular;
            console.log("%j", circular);
            console.info("%s level", "info"); console.error("%d errors", 2);
            """);
    assertThat(run.log())
        .contains("Bob is 42.5 years, 7% sure: {\"a\":1} [1] {\"b\":2} 15\n")
        .contains("only:%s\n")
        .contains("%% %s\n")
        .contains("x extra 3 {\"c\":1}\n")
        .contains(" styled -0 null\n")
        .contains("%x stays ok\n")
        .contains("no specifiers 1 two [3]\n")
        .contains("[Circular]\n")
        .contains("info level\n")
        .contains("2 errors\n");
  }
}
