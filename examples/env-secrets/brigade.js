// Project secrets reach jobs as environment variables; values never appear in the worker log.
const { events, Job } = require("brigadier");

events.on("exec", async (e, project) => {
  const deploy = new Job("deploy", "alpine:3", [
    'test -n "$API_TOKEN" && echo token is set, ${#API_TOKEN} chars',
    "echo deploying to $TARGET",
  ]);
  deploy.env = {
    API_TOKEN: project.secrets.apiToken,
    TARGET: project.secrets.target || "staging",
  };
  console.log((await deploy.run()).toString().trim());
});
