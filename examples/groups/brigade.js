// Parallel and serial groups: build and test in parallel, then package and publish in order.
const { events, Job, Group } = require("brigadier");

const step = (name, words) => new Job(name, "alpine:3", [`echo ${words}`]);

events.on("exec", async () => {
  const parallel = new Group([step("build-api", "api built"), step("build-ui", "ui built")]);
  parallel.add(step("lint", "lint clean"));
  const built = await parallel.runAll();
  console.log(`parallel (${parallel.length()} jobs): ` + built.map((r) => r.toString().trim()).join(", "));

  const serial = await Group.runEach([step("package", "packaged"), step("publish", "published")]);
  console.log("serial: " + serial.map((r) => r.toString().trim()).join(" -> "));
});
