package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroupTest extends WorkerTest {

  @Test
  void addAndLengthCountJobs() {
    var run =
        harness.run(
            """
            const { Group, Job } = require("brigadier");
            const g = new Group([new Job("a")]);
            g.add(new Job("b"), new Job("c"));
            console.log("length", g.length());
            """);
    assertThat(run.log()).contains("length 3");
  }

  @Test
  void aGroupKeepsTheArrayItWasGiven() {
    var run =
        harness.run(
            """
            const { Group, Job } = require("brigadier");
            const jobs = [];
            const g = new Group(jobs);
            jobs.push(new Job("a"));
            g.add(new Job("b"));
            console.log("shared", g.length(), jobs.length, g.jobs === jobs);
            """);
    assertThat(run.log()).contains("shared 2 2 true");
  }

  @Test
  void aGroupOfOneJobNotInAnArrayFailsTheBuildWithATypeErrorAndRunsNothing() {
    var run =
        harness.run(
            """
            const { events, Group, Job } = require("brigadier");
            events.on("exec", async () => {
              try { Group.runAll(new Job("static", "", ["echo static"])); }
              catch (e) { console.log("static:", e.name); }
              try { new Group(new Set()); } catch (e) { console.log("set:", e.message.split(":")[0]); }
              await new Group(new Job("solo", "", ["echo solo"])).runAll();
            });
            """);
    assertThat(run.succeeded()).isFalse();
    assertThat(run.log())
        .contains("static: TypeError")
        .contains("set: new Group(jobs) takes an array of jobs, not a Set");
    assertThat(run.status().message()).contains("TypeError").contains("new Group([job])");
    assertThat(run.jobs()).isEmpty();
  }

  @Test
  void runEachRunsInOrderAndStopsAtTheFirstFailure() {
    var run =
        harness.run(
            """
            const { events, Group, Job } = require("brigadier");
            events.on("exec", async () => {
              const ok = await Group.runEach([new Job("one", "", ["echo 1"]), new Job("two", "", ["echo 2"])]);
              console.log("each:", ok.map(r => r.toString().trim()).join(","));
              const g = new Group([new Job("s1", "", ["true"]), new Job("s2", "", ["false"]), new Job("s3", "", ["true"])]);
              try { await g.runEach(); } catch (e) { console.log("stopped:", e.message.split(":")[0]); }
            });
            """);
    assertThat(run.log()).contains("each: 1,2").contains("stopped: job s2(");
    assertThat(run.jobs())
        .extracting(j -> j.name())
        .containsExactlyInAnyOrder("one", "two", "s1", "s2");
  }

  @Test
  void runAllRunsJobsConcurrentlyAndFailsFast() {
    var run =
        harness.run(
            """
            const { events, Group, Job } = require("brigadier");
            events.on("exec", async () => {
              const rs = await new Group([new Job("p1", "", ["echo x"]), new Job("p2", "", ["echo y"])]).runAll();
              console.log("all:", rs.map(r => r.toString().trim()).join(","));
              const t0 = Date.now();
              try {
                await Group.runAll([new Job("fast-fail", "", ["exit 1"]), new Job("slow", "", ["sleep 1"])]);
              } catch (e) { console.log("failfast:", e.message.split(":")[0], Date.now() - t0 < 900); }
            });
            """);
    assertThat(run.log()).contains("all: x,y").contains("failfast: job fast-fail(");
    assertThat(run.jobs())
        .filteredOn(j -> j.name().equals("slow"))
        .singleElement()
        .satisfies(j -> assertThat(j.phase().display()).isEqualTo("Succeeded"));
  }
}
