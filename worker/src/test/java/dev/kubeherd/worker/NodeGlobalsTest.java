package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Node globals a build script finds besides console and process. */
class NodeGlobalsTest extends WorkerTest {

  @Test
  void globalIsGlobalThisAndQueueMicrotaskRunsBeforeTimers() {
    var run =
        harness.run(
            """
            console.log("global", global === globalThis, typeof global.setTimeout);
            const order = [];
            setTimeout(() => { order.push("timeout"); console.log("order", order.join(",")); }, 0);
            queueMicrotask(() => order.push("microtask"));
            order.push("sync");
            try { queueMicrotask("not a function"); } catch (e) { console.log("queueMicrotask:", e.name); }
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("global true function")
        .contains("order sync,microtask,timeout")
        .contains("queueMicrotask: TypeError");
  }

  @Test
  void timersAreObjectsWithRefUnrefAndRefreshThatTheClearFunctionsAccept() {
    var run =
        harness.run(
            """
            const t = setTimeout(() => console.log("CLEARED TIMEOUT FIRED"), 10);
            console.log("timeout", typeof t, t.hasRef(), t.unref() === t, t.hasRef(), t.ref().hasRef(),
              typeof +t);
            clearTimeout(t);
            const n = setTimeout(() => console.log("CLEARED BY NUMBER FIRED"), 10);
            clearTimeout(+n);
            const i = setInterval(() => console.log("CLEARED INTERVAL FIRED"), 5);
            clearInterval(i);
            const im = setImmediate(() => console.log("CLEARED IMMEDIATE FIRED"));
            clearImmediate(im);
            clearTimeout(undefined); clearTimeout(null); clearTimeout({});
            let fired = 0;
            const r = setTimeout(() => {
              if (++fired === 1) r.refresh(); else console.log("refreshed timer fired again", fired);
            }, 5);
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("timeout object true true false true number")
        .contains("refreshed timer fired again 2")
        .doesNotContain("CLEARED");
  }

  @Test
  @Timeout(60)
  void refreshKeepsTheTimersNumberAndDoesNotReviveAClearedTimer() {
    var run =
        harness.run(
            """
            const t = setTimeout(() => console.log("FIRED-AFTER-CLEAR-THEN-REFRESH"), 10);
            clearTimeout(t);
            t.refresh();
            const t2 = setTimeout(() => console.log("FIRED-DESPITE-CLEAR-BY-ID"), 50);
            const id = +t2;
            t2.refresh();
            console.log("same number", +t2 === id);
            clearTimeout(id);
            t2.refresh();
            const u = setTimeout(() => console.log("UNREFED TIMER FIRED"), 600000).unref();
            u.refresh();
            console.log("still unrefed", u.hasRef());
            setTimeout(() => console.log("later timer ran"), 80);
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("same number true", "still unrefed false", "later timer ran")
        .doesNotContain(
            "FIRED-AFTER-CLEAR-THEN-REFRESH", "FIRED-DESPITE-CLEAR-BY-ID", "UNREFED TIMER FIRED");
  }

  @Test
  @Timeout(60)
  void anUnrefedIntervalDoesNotKeepTheBuildRunning() {
    var run =
        harness.run(
            """
            const { events, Job } = require("brigadier");
            events.on("exec", async () => {
              const heartbeat = setInterval(() => {}, 10).unref();
              console.log("unrefed", heartbeat.hasRef());
              await new Job("work", "", ["sleep 0.2"]).run();
              console.log("work done");
            });
            events.on("after", () => console.log("after ran"));
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).containsSubsequence("unrefed false", "work done", "after ran");
  }

  @Test
  void bufferConvertsBetweenUtf8Base64AndHex() {
    var run =
        harness.run(
            """
            const b = Buffer.from("h\\u00e9llo \\u2713", "utf8");
            console.log("utf8", b.length, b.byteLength, Buffer.byteLength("h\\u00e9llo \\u2713"),
              b.toString() === "h\\u00e9llo \\u2713", b.toString("hex"), b.toString("base64"));
            console.log("base64", Buffer.from("aMOpbGxvIOKckw==", "base64").equals(b),
              Buffer.from("dXNlcjpwYXNz", "base64").toString(), Buffer.from("user:pass").toString("base64"));
            console.log("hex", Buffer.from("68690A", "hex").toString("utf8").trim(),
              Buffer.from([104, 105, 256 + 33]).toString());
            console.log("is", Buffer.isBuffer(b), Buffer.isBuffer("x"), Buffer.isBuffer(new Uint8Array(1)));
            console.log("concat", Buffer.concat([Buffer.from("ab"), Buffer.from("cd")]).toString(),
              Buffer.concat([Buffer.from("abc")], 2).toString(), Buffer.concat([]).length);
            try { Buffer.from("x", "klingon"); } catch (e) { console.log("encoding:", e.name, e.message); }
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("utf8 10 10 10 true 68c3a96c6c6f20e29c93 aMOpbGxvIOKckw==")
        .contains("base64 true user:pass dXNlcjpwYXNz")
        .contains("hex hi hi!")
        .contains("is true false false")
        .contains("concat abcd ab 0")
        .contains("encoding: TypeError Unknown encoding: klingon");
  }

  @Test
  void theDeprecatedBufferConstructorWorksWithAndWithoutNew() {
    var run =
        harness.run(
            """
            const user = "me", token = "s3cret";
            console.log("new string", new Buffer("abc").toString() === "abc",
              new Buffer(user + ":" + token).toString("base64"), new Buffer("6869", "hex").toString());
            console.log("new array", new Buffer([1, 2]).length, new Buffer(Buffer.from("xy")).toString());
            console.log("new size", new Buffer(3).length, new Buffer(3).every((b) => b === 0));
            const ab = new Uint8Array([7, 8, 9]).buffer;
            console.log("new arraybuffer", Array.from(new Buffer(ab, 1, 1)).join(","));
            const called = Buffer("abc");
            console.log("called", called.toString(), Buffer.isBuffer(called), called instanceof Buffer,
              called instanceof Uint8Array, called.constructor === Buffer, Buffer(2).length);
            const b = Buffer.from("hello");
            console.log("views", b.subarray(1, 3).toString(), Buffer.isBuffer(b.subarray(1)),
              Buffer.isBuffer(b.map((x) => x)), b.slice(-2).toString());
            try { Buffer.from(5); } catch (e) { console.log("from number:", e.name); }
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log())
        .contains("new string true bWU6czNjcmV0 hi")
        .contains("new array 2 xy")
        .contains("new size 3 true")
        .contains("new arraybuffer 8")
        .contains("called abc true true true true 2")
        .contains("views el true true lo")
        .contains("from number: TypeError");
  }

  @Test
  void bufferToStringClampsItsRangeAsNodeDoes() {
    var run =
        harness.run(
            """
            const b = Buffer.from("hello");
            console.log("range [" + b.toString("utf8", -2) + "] [" + b.toString("utf8", 1, 99) + "] ["
              + b.toString("utf8", 3, 1) + "] [" + b.toString("utf8", 9) + "] [" + b.toString("hex", 0, -1) + "]");
            """);
    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("range [hello] [ello] [] [] []");
  }
}
