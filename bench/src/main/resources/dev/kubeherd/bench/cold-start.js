// P2's Node.js reference: the least a brigade.js runner must do to reach its first job: an event
// registry, fire "exec", spawn `true` and wait for it, exit. No stores, no logs, no sandbox.
const { spawn } = require("child_process");

class EventRegistry {
  constructor() {
    this.handlers = new Map();
  }
  on(type, fn) {
    this.handlers.set(type, fn);
    return this;
  }
  fire(event) {
    const fn = this.handlers.get(event.type);
    return fn ? fn(event) : undefined;
  }
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: "ignore" });
    p.on("error", reject);
    p.on("exit", (code) => (code === 0 ? resolve(code) : reject(new Error(cmd + " exited " + code))));
  });
}

const events = new EventRegistry();
events.on("exec", () => run("true", []));
Promise.resolve(events.fire({ type: "exec", buildID: "cold" })).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
