// kubeherd worker runtime: evaluated once per build Context. It receives the host bridge and the
// brigadier and console factories, installs console (console.js), a minimal process, timers and
// CommonJS require, and returns the functions the Java worker drives.
// Written for kubeherd from the Brigade v1 contract (docs/COMPATIBILITY.md); no Node.js built-ins.
(function (host, brigadierFactory, consoleFactory) {
  "use strict";

  const console = consoleFactory(host);

  // Node's process, as far as a build script needs it: env holds the build's BRIGADE_* variables
  // (never the host's environment or credentials), a non-zero exitCode fails the build with it.
  const processInfo = JSON.parse(host.processInfo());
  const process = {
    env: processInfo.env,
    exitCode: undefined,
    platform: processInfo.platform,
    version: "v12.22.12",
    versions: { node: "12.22.12" },
    argv: ["node", "brigade.js"],
    nextTick: (fn, ...args) => {
      Promise.resolve().then(() => fn(...args));
    },
    exit: (code) => {
      throw new Error(
        "process.exit(" + (code === undefined ? "" : code) + ") is not available in kubeherd: set" +
          " process.exitCode (non-zero fails the build) and return, or throw to fail the build",
      );
    },
  };

  // Node's Timeout (also returned for an Immediate): an unref'd timer does not keep the build
  // running; refresh() starts it again with its delay (under the same ID, keeping unref), even once
  // it has fired, but not once it was cleared (by the object or by its number).
  class Timeout {
    constructor(callback, ms, repeat) {
      this._callback = callback;
      this._ms = ms;
      this._repeat = repeat;
      this._ref = true;
      this._id = host.setTimer(callback, ms, repeat);
    }
    ref() {
      this._ref = true;
      host.refTimer(this._id, true);
      return this;
    }
    unref() {
      this._ref = false;
      host.refTimer(this._id, false);
      return this;
    }
    hasRef() {
      return this._ref;
    }
    refresh() {
      if (host.refreshTimer(this._id, this._callback, this._ms, this._repeat) && !this._ref) {
        host.refTimer(this._id, false);
      }
      return this;
    }
    [Symbol.toPrimitive]() {
      return this._id;
    }
  }

  function setTimeout(fn, ms, ...args) {
    return new Timeout(() => fn(...args), Number(ms) || 0, false);
  }
  function setInterval(fn, ms, ...args) {
    return new Timeout(() => fn(...args), Number(ms) || 0, true);
  }
  function setImmediate(fn, ...args) {
    return setTimeout(fn, 0, ...args);
  }
  // takes what the set functions return, or its number (+timer); anything else is ignored
  function clearTimer(timer) {
    const id = timer instanceof Timeout ? timer._id : timer;
    const n = typeof id === "number" || typeof id === "string" ? Number(id) : NaN;
    if (Number.isInteger(n) && n > 0 && n <= 0x7fffffff) host.clearTimer(n);
  }
  function queueMicrotask(fn) {
    if (typeof fn !== "function") throw new TypeError("queueMicrotask: the callback must be a function");
    Promise.resolve().then(() => fn());
  }

  const brigadier = brigadierFactory(host, console);
  // the kubeherd library is evaluated on first use: most scripts never require it
  let kubeherd;
  function kubeherdLibrary() {
    if (kubeherd === undefined) kubeherd = host.kubeherdFactory()(brigadier);
    return kubeherd;
  }
  const builtins = {
    brigadier: brigadier,
    brigade: brigadier,
    "@brigadecore/brigadier": brigadier,
  };
  Object.defineProperty(builtins, "kubeherd", { get: kubeherdLibrary, enumerable: true });

  const cache = new Map();
  function makeRequire(dir) {
    return function require(name) {
      if (Object.prototype.hasOwnProperty.call(builtins, name)) return builtins[name];
      const found = host.resolveModule(dir, String(name));
      if (found.error) throw new Error(found.error);
      const file = found.path;
      const cached = cache.get(file);
      if (cached) return cached.exports;
      const module = { exports: {}, id: file, filename: file, loaded: false };
      cache.set(file, module);
      if (file.endsWith(".json")) {
        module.exports = JSON.parse(host.readModule(file));
      } else {
        const fn = host.compileModule(file);
        const dirname = host.dirname(file);
        fn.call(module.exports, module.exports, makeRequire(dirname), module, file, dirname);
      }
      module.loaded = true;
      return module.exports;
    };
  }

  Object.assign(globalThis, {
    console,
    process,
    setTimeout,
    setInterval,
    setImmediate,
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    clearImmediate: clearTimer,
    queueMicrotask,
    global: globalThis,
    __kubeherdBrigadier: brigadier,
  });
  Object.defineProperty(globalThis, "__kubeherdLibrary", { get: kubeherdLibrary });
  // Buffer (buffer.js) is evaluated on first use; a script may still assign its own
  let buffer;
  Object.defineProperty(globalThis, "Buffer", {
    get: () => (buffer === undefined ? (buffer = host.bufferFactory()(host)) : buffer),
    set: (value) => {
      buffer = value;
    },
    configurable: true,
  });
  globalThis.require = makeRequire(host.rootDir());

  Graal.setUnhandledPromiseRejectionHandler((reason) => host.unhandledRejection(reason, describe(reason)));

  function describe(reason) {
    if (reason instanceof Error) return reason.stack || String(reason);
    return String(reason);
  }

  // the build's own event and project, once fired
  const build = { event: undefined, project: undefined };

  return {
    // runs the script compiled as a CommonJS module function (fn) with its module and require
    loadMain: (name, dir, fn) => {
      const module = { exports: {}, id: name, filename: name, loaded: false };
      fn.call(module.exports, module.exports, makeRequire(dir), module, name, dir);
      module.loaded = true;
      return module.exports;
    },
    describe,
    // fires the build's event; after and error are made from it and its project
    fire: (eventJson, projectJson) => {
      build.event = new brigadier.BrigadeEvent(JSON.parse(eventJson));
      build.project = JSON.parse(projectJson);
      return brigadier.fire(build.event, build.project);
    },
    hasHandler: (type) => brigadier.events.has(type),
    fireLifecycle: (type, trigger, reason) => brigadier.fireLifecycle(build, type, trigger, reason),
    // what the build's exit code would be: process.exitCode as Node exits with it (0..255)
    exitCode: () => {
      const p = globalThis.process;
      return (Number(p && p.exitCode) | 0) & 0xff;
    },
  };
});
