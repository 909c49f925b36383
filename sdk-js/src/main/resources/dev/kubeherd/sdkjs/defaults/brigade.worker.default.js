// kubeherd's default script for an app-infra (worker) pipeline: one app's namespace, its
// namespace-defaults and its app pipeline, from the cluster repository's environments/ENV/app-infra.
// APP, ENV and CLUSTER come from the project's secrets.
//   init       — first creation: fails if the app namespace exists (kubeherd sync worker --create)
//   deployment — a GitHub deployment of the cluster repository for this environment and cluster
//                (or no cluster): kubeherd sync worker (upsert); others are ignored
//   resync     — the periodic resync (kubeherd.resyncInterval) at the last deployed commit
// For an app-infra pipeline of its own; brigcluster's worker pipelines (the app's namespace, the app
// repository) get brigade.app.default.js instead, and the master's job syncs this level itself.
const { events } = require("brigadier");
const kubeherd = require("kubeherd");

function sync(e, p, create) {
  const app = p.secrets.APP;
  if (!app) throw new Error("set APP (the app's name) in the project's secrets");
  return kubeherd.syncWorker(app, { event: e, project: p, create: create }).run();
}

events.on("init", (e, p) => sync(e, p, true));
events.on("resync", (e, p) => sync(e, p, false));
events.on("deployment", (e, p) => {
  const d = kubeherd.deployment(e, { project: p });
  if (!d.accepted) {
    console.log("ignored: " + d.reason);
    return;
  }
  return sync(e, p, false);
});
