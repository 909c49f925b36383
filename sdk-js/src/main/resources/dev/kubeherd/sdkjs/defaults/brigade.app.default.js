// kubeherd's default script for an app pipeline, whose repository is the app repository: its
// releases from ci/helmfile in ci/environments/ENV. ENV and CLUSTER come from the project's secrets.
//   init       — the first deployment on a new cluster (at the last deployed commit when known)
//   deployment — a GitHub deployment of the app repository for this environment and cluster (or no
//                cluster): kubeherd sync app at the deployment's commit; others are ignored
//   resync     — the periodic resync (kubeherd.resyncInterval) at the last deployed commit
// Override it with brigade.js in the app repository.
const { events } = require("brigadier");
const kubeherd = require("kubeherd");

function sync(e, p) {
  return kubeherd.syncApp({ event: e, project: p }).run();
}

events.on("init", sync);
events.on("resync", sync);
events.on("deployment", (e, p) => {
  const d = kubeherd.deployment(e, { project: p });
  if (!d.accepted) {
    console.log("ignored: " + d.reason);
    return;
  }
  return sync(e, p);
});
