// A failing job is caught and handled; a fallback job runs and the build still succeeds.
const { events, Job } = require("brigadier");

events.on("exec", async () => {
  const flaky = new Job("flaky", "alpine:3", ["echo trying the flaky step", "exit 3"]);
  try {
    await flaky.run();
  } catch (err) {
    console.log("recovered from: " + err.message);
    const fallback = new Job("fallback", "alpine:3", ["echo fallback ran"]);
    console.log((await fallback.run()).toString().trim());
  }
});

events.on("error", (e) => console.log("not reached: the failure above was handled"));
