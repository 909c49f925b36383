// A custom event chain: exec fires "tested", which fires "released"; after runs once at the end.
const { events, Job } = require("brigadier");

events.on("exec", async (e, project) => {
  await new Job("test", "alpine:3", ["echo tests passed"]).run();
  events.emit("tested", { type: "tested", provider: "example", buildID: e.buildID, cause: { event: e } }, project);
});

events.on("tested", async (e, project) => {
  console.log(`tested (caused by ${e.cause.event.type})`);
  await new Job("release", "alpine:3", ["echo released v1.0.0"]).run();
  events.emit("released", { type: "released", provider: "example", cause: { event: e } }, project);
});

events.on("released", () => console.log("released: chain complete"));
events.on("after", (e) => console.log(`after: ${e.cause.trigger} for ${e.cause.event.type}`));
