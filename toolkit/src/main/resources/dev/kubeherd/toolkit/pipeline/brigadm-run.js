// brigadm run: the fixed script of every `brigadm run "CMD"` build. The command and image arrive as
// the event payload (JSON), never as script text, so no quoting of CMD can change this script.
const { events, Job } = require("brigadier");

events.on("run", async (e) => {
  const request = JSON.parse(e.payload);
  const job = new Job("brigadm-run", request.image, [request.command]);
  job.env = request.env || {};
  await job.run();
});
