// kubeherd's default script for the cluster-level (master) pipeline, whose repository is the cluster
// repository. ENV and CLUSTER come from the project's secrets.
//   init       — the first sync: the cluster level, then every app of apps.yaml, whose namespaces
//                must not exist yet (kubeherd sync master --create)
//   deployment — a GitHub deployment of the cluster repository for this environment and cluster
//                (or no cluster): kubeherd sync master at the deployment's commit; others are ignored
//   resync     — the periodic resync (kubeherd.resyncInterval) at the last deployed commit
// Override it with brigade.js (or brigade.master.default.js) next to the cluster-infra helmfile.
const { events } = require("brigadier");
const kubeherd = require("kubeherd");

function sync(e, p, create) {
  return kubeherd.syncMaster({ event: e, project: p, create: create }).run();
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
