// kubeherd worker runtime: evaluated once per build Context. It receives the host bridge, installs
// console, timers and CommonJS require, and returns the functions the Java worker drives.
// Written for kubeherd from the Brigade v1 contract (docs/COMPATIBILITY.md); no Node.js built-ins.
(function (host, brigadierFactory) {
  "use strict";

  const fmt = (args) =>
    args
      .map((a) => {
        if (typeof a === "string") return a;
        if (a instanceof Error) return a.stack || String(a);
        try {
          const s = JSON.stringify(a);
          return s === undefined ? String(a) : s;
        } catch (e) {
          return String(a);
        }
      })
      .join(" ");

  const console = {
    log: (...a) => host.log("log", fmt(a)),
    info: (...a) => host.log("info", fmt(a)),
    warn: (...a) => host.log("warn", fmt(a)),
    error: (...a) => host.log("error", fmt(a)),
    debug: (...a) => host.log("log", fmt(a)),
    trace: (...a) => host.log("log", fmt(a)),
  };

  function setTimeout(fn, ms, ...args) {
    return host.setTimer(() => fn(...args), Number(ms) || 0, false);
  }
  function setInterval(fn, ms, ...args) {
    return host.setTimer(() => fn(...args), Number(ms) || 0, true);
  }
  function clearTimer(id) {
    if (typeof id === "number") host.clearTimer(id);
  }
  function setImmediate(fn, ...args) {
    return setTimeout(fn, 0, ...args);
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
    setTimeout,
    setInterval,
    setImmediate,
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    clearImmediate: clearTimer,
    __kubeherdBrigadier: brigadier,
  });
  Object.defineProperty(globalThis, "__kubeherdLibrary", { get: kubeherdLibrary });
  globalThis.require = makeRequire(host.rootDir());

  Graal.setUnhandledPromiseRejectionHandler((reason) => host.unhandledRejection(reason, describe(reason)));

  function describe(reason) {
    if (reason instanceof Error) return reason.stack || String(reason);
    return String(reason);
  }

  return {
    loadMain: (name, dir) => {
      const module = { exports: {}, id: name, filename: name, loaded: false };
      const fn = host.compileMain();
      fn.call(module.exports, module.exports, makeRequire(dir), module, name, dir);
      module.loaded = true;
      return module.exports;
    },
    describe,
    fire: (eventJson, projectJson) =>
      brigadier.fire(new brigadier.BrigadeEvent(JSON.parse(eventJson)), JSON.parse(projectJson)),
    hasHandler: (type) => brigadier.events.has(type),
    fireLifecycle: (type, trigger, reason) => brigadier.fireLifecycle(type, trigger, reason),
  };
});
