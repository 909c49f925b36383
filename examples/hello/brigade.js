// The smallest pipeline: one job, its output printed by the handler.
const { events, Job } = require("brigadier");

events.on("exec", async (e, project) => {
  const hello = new Job("hello", "alpine:3", ["echo Hello from kubeherd", "uname -s"]);
  const result = await hello.run();
  console.log("hello said: " + result.toString().trim().split("\n").join(" / "));
});
