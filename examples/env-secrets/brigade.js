// Project secrets reach jobs as environment variables; their values never appear in a log: even
// when a job prints one (the target below), the stored log shows *** (see docs/logs.md).
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
