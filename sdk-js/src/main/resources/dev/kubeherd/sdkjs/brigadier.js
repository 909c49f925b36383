// The `brigadier` module served to brigade.js (also as "brigade" and "@brigadecore/brigadier"):
// a thin JavaScript layer over the kubeherd Java worker, with Brigade v1.5 semantics
// (see docs/COMPATIBILITY.md). `host` is the Java bridge; only its exported methods are visible.
(function (host, console) {
  "use strict";

  // Node's EventEmitter, as v1's EventRegistry extended it, plus has/fire and the ping handler
  class EventRegistry {
    constructor() {
      this._listeners = new Map();
      this._maxListeners = 10;
      this._warned = new Set();
      this.on("ping", () => console.log("ping"));
    }
    on(name, fn) {
      return this._add(name, fn, false);
    }
    addListener(name, fn) {
      return this.on(name, fn);
    }
    prependListener(name, fn) {
      return this._add(name, fn, true);
    }
    once(name, fn) {
      return this.on(name, this._onceWrapper(name, fn));
    }
    prependOnceListener(name, fn) {
      return this.prependListener(name, this._onceWrapper(name, fn));
    }
    _onceWrapper(name, fn) {
      if (typeof fn !== "function") throw new TypeError("listener must be a function");
      const wrapper = (...args) => {
        this.removeListener(name, wrapper);
        return fn.apply(this, args);
      };
      wrapper.listener = fn;
      return wrapper;
    }
    _add(name, fn, first) {
      if (typeof fn !== "function") throw new TypeError("listener must be a function");
      const list = this._listeners.get(name) || [];
      if (first) list.unshift(fn);
      else list.push(fn);
      this._listeners.set(name, list);
      const max = this._maxListeners;
      if (max > 0 && list.length > max && !this._warned.has(name)) {
        this._warned.add(name);
        console.warn(
          "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. " +
            list.length + " " + String(name) + " listeners added. Use emitter.setMaxListeners() to increase limit",
        );
      }
      return this;
    }
    setMaxListeners(n) {
      if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
        throw new RangeError('The value of "n" is out of range. It must be a non-negative number. Received ' + n);
      }
      this._maxListeners = n;
      return this;
    }
    getMaxListeners() {
      return this._maxListeners;
    }
    // as Node: the most recently added matching listener goes
    removeListener(name, fn) {
      const list = this._listeners.get(name);
      if (!list) return this;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === fn || list[i].listener === fn) {
          list.splice(i, 1);
          break;
        }
      }
      if (list.length === 0) this._listeners.delete(name);
      return this;
    }
    off(name, fn) {
      return this.removeListener(name, fn);
    }
    removeAllListeners(name) {
      if (name === undefined) this._listeners.clear();
      else this._listeners.delete(name);
      return this;
    }
    listeners(name) {
      return (this._listeners.get(name) || []).map((l) => l.listener || l);
    }
    // the listeners as registered: once() ones are their wrappers
    rawListeners(name) {
      return (this._listeners.get(name) || []).slice();
    }
    listenerCount(name) {
      return (this._listeners.get(name) || []).length;
    }
    eventNames() {
      return Array.from(this._listeners.keys());
    }
    emit(name, ...args) {
      const list = this._listeners.get(name);
      if (!list || list.length === 0) return false;
      for (const fn of list.slice()) fn.apply(this, args);
      return true;
    }
    has(name) {
      return this.listenerCount(name) > 0;
    }
    fire(e, p) {
      return this.emit(e.type, e, p);
    }
  }

  class BrigadeEvent {
    constructor(fields) {
      Object.assign(this, fields || {});
    }
  }

  class Result {
    constructor(data) {
      this.data = data;
    }
    toString() {
      return this.data;
    }
  }

  class ErrorReport {
    constructor(cause, reason) {
      this.cause = cause;
      this.reason = reason;
    }
  }

  class JobCache {
    constructor() {
      this.enabled = false;
      this.size = "5Mi";
      this.path = "/mnt/brigade/cache";
    }
  }
  class JobStorage {
    constructor() {
      this.enabled = false;
      this.path = "/mnt/brigade/share";
    }
  }
  class JobHost {
    constructor() {
      this.os = undefined;
      this.name = undefined;
      this.nodeSelector = new Map();
    }
  }
  class JobDockerMount {
    constructor() {
      this.enabled = false;
    }
  }
  class JobResourceRequest {
    constructor() {
      this.cpu = undefined;
      this.memory = undefined;
    }
  }
  class JobResourceLimit {
    constructor() {
      this.cpu = undefined;
      this.memory = undefined;
    }
  }

  class Job {
    constructor(name, image, tasks, imageForcePull) {
      const problem = host.jobNameProblem(name === undefined || name === null ? "" : String(name));
      if (problem) throw new Error(problem);
      this.name = String(name).toLowerCase();
      this.image = image || "";
      this.tasks = tasks || [];
      this.imageForcePull = imageForcePull || false;
      this.shell = "/bin/sh";
      this.args = [];
      this.env = {};
      this.imagePullSecrets = [];
      this.mountPath = "/src";
      this.timeout = Job.DEFAULT_TIMEOUT;
      this.useSource = true;
      this.privileged = false;
      this.host = new JobHost();
      this.cache = new JobCache();
      this.storage = new JobStorage();
      this.docker = new JobDockerMount();
      this.resourceRequests = new JobResourceRequest();
      this.resourceLimits = new JobResourceLimit();
      this.annotations = {};
      this.streamLogs = false;
      this.volumes = [];
      this.volumeMounts = [];
      this._podName = "";
    }

    get podName() {
      return this._podName;
    }

    run() {
      checkVolumes(this);
      this._podName = this.name + "-" + host.buildId();
      return new Promise((resolve, reject) => {
        host.startJob(
          this,
          (log) => resolve(new Result(log)),
          (message) => {
            console.error(message.substring(message.indexOf("): ") + 3));
            reject(new Error(message));
          },
        );
      });
    }

    logs() {
      if (!this._podName) throw new Error("job " + this.name + " has not been run; call run() first");
      return Promise.resolve(host.jobLogs(this._podName));
    }
  }
  Job.MAX_JOB_NAME_LENGTH = 36;
  Job.DEFAULT_TIMEOUT = 900000;

  function checkVolumes(job) {
    const names = new Set();
    for (const v of job.volumes || []) {
      if (v && v.hostPath && !host.allowHostMounts()) {
        throw new Error("allowHostMounts is false in this project, not mounting " + v.hostPath.path);
      }
      if (v && v.name) names.add(v.name);
    }
    for (const m of job.volumeMounts || []) {
      if (!names.has(m.name)) {
        throw new Error("volume " + m.name + " referenced in volume mount is not defined");
      }
    }
  }

  // As v1: a Group works on the very array it was given (`this.jobs = jobs || []`). v1 failed with
  // a TypeError only when running a group of something else (a lone Job); this fails at once.
  class Group {
    constructor(jobs) {
      this.jobs = jobs || [];
      if (!Array.isArray(this.jobs)) {
        const kind = typeof this.jobs === "object" ? this.jobs.constructor && this.jobs.constructor.name : "";
        const what = this.jobs instanceof Job ? "a Job" : "a " + (kind || typeof this.jobs);
        throw new TypeError(
          "new Group(jobs) takes an array of jobs, not " + what + ": write new Group([job])",
        );
      }
    }
    add(...jobs) {
      for (const j of jobs) this.jobs.push(j);
    }
    length() {
      return this.jobs.length;
    }
    async runEach() {
      const results = [];
      for (const j of this.jobs) results.push(await j.run());
      return results;
    }
    runAll() {
      return Promise.all(this.jobs.map((j) => j.run()));
    }
    static runEach(jobs) {
      return new Group(jobs).runEach();
    }
    static runAll(jobs) {
      return new Group(jobs).runAll();
    }
  }

  const events = new EventRegistry();

  function fire(e, p) {
    return events.fire(e, p);
  }

  // Fires `after` or `error` made from the build's own event and project (`build`, recorded by
  // the runtime when it fired the build's event), as v1's worker did, whatever the script fired.
  function fireLifecycle(build, type, trigger, reason) {
    const original = build.event || {};
    const cause = { event: original, trigger: trigger };
    if (reason !== undefined) cause.reason = reason;
    const e = new BrigadeEvent({
      type: type,
      provider: "brigade",
      buildID: original.buildID,
      workerID: original.workerID,
      revision: original.revision,
      cloneURL: original.cloneURL,
      logLevel: original.logLevel,
      cause: cause,
    });
    return events.fire(e, build.project);
  }

  return {
    events,
    fire,
    fireLifecycle,
    Job,
    Group,
    Result,
    ErrorReport,
    EventRegistry,
    BrigadeEvent,
    JobCache,
    JobStorage,
    JobHost,
    JobDockerMount,
    JobResourceRequest,
    JobResourceLimit,
  };
});
