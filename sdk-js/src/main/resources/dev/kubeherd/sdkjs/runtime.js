// kubeherd worker runtime: evaluated once per build Context. It receives the host bridge, installs
// console (formatting like Node's util.format), a minimal process, timers and CommonJS require, and
// returns the functions the Java worker drives.
// Written for kubeherd from the Brigade v1 contract (docs/COMPATIBILITY.md); no Node.js built-ins.
(function (host, brigadierFactory) {
  "use strict";

  // An argument as console shows it: strings as they are, errors with their stack, other values as
  // JSON (where Node would use util.inspect).
  function show(a) {
    if (typeof a === "string") return a;
    if (typeof a === "bigint") return a + "n";
    if (a instanceof Error) return a.stack || String(a);
    try {
      const s = JSON.stringify(a);
      return s === undefined ? String(a) : s;
    } catch (e) {
      return String(a);
    }
  }

  const numberText = (n) => (Object.is(n, -0) ? "-0" : String(n));
  const builtInPrototypes = [Object, Array, Error, Date, RegExp, Function, Map, Set, Promise].map(
    (c) => c.prototype,
  );

  // Whether an object's toString is its own (a class's, say) rather than a built-in one.
  function hasOwnToString(o) {
    if (typeof o.toString !== "function") return false;
    let owner = o;
    while (owner !== null && !Object.prototype.hasOwnProperty.call(owner, "toString")) {
      owner = Object.getPrototypeOf(owner);
    }
    return owner !== null && !builtInPrototypes.includes(owner);
  }

  function asJson(a) {
    try {
      return String(JSON.stringify(a));
    } catch (e) {
      return /circular/i.test(String(e && e.message)) ? "[Circular]" : show(a);
    }
  }

  // The conversions of Node's util.format, by specifier letter; each takes one argument.
  const conversions = {
    s: (a) => {
      if (typeof a === "number") return numberText(a);
      if (typeof a === "bigint") return a + "n";
      if (typeof a === "object" && a !== null && !hasOwnToString(a)) return show(a);
      return String(a);
    },
    d: (a) => (typeof a === "bigint" ? a + "n" : typeof a === "symbol" ? "NaN" : numberText(Number(a))),
    i: (a) => (typeof a === "bigint" ? a + "n" : typeof a === "symbol" ? "NaN" : numberText(parseInt(a))),
    f: (a) => (typeof a === "symbol" ? "NaN" : numberText(parseFloat(a))),
    j: asJson,
    o: show,
    O: show,
    c: () => "",
  };

  // Node's util.format: a string first argument is a format whose specifiers (%s %d %i %f %j %o %O
  // %c) take the next arguments in turn and whose %% is a percent sign; a specifier left without
  // an argument stays as it is; the remaining arguments follow, separated by spaces. A lone string
  // is printed unchanged.
  function format(args) {
    const first = args[0];
    if (typeof first !== "string" || args.length === 1) return args.map(show).join(" ");
    let out = "";
    let copied = 0;
    let next = 1;
    for (let i = first.indexOf("%"); i !== -1 && i < first.length - 1; i = first.indexOf("%", i)) {
      const letter = first[i + 1];
      const convert = Object.prototype.hasOwnProperty.call(conversions, letter) ? conversions[letter] : null;
      if (letter === "%") {
        out += first.slice(copied, i) + "%";
        copied = i + 2;
      } else if (convert && next < args.length) {
        out += first.slice(copied, i) + convert(args[next++]);
        copied = i + 2;
      }
      i += 2;
    }
    out += first.slice(copied);
    for (; next < args.length; next++) out += " " + show(args[next]);
    return out;
  }

  const console = {
    log: (...a) => host.log("log", format(a)),
    info: (...a) => host.log("info", format(a)),
    warn: (...a) => host.log("warn", format(a)),
    error: (...a) => host.log("error", format(a)),
    debug: (...a) => host.log("log", format(a)),
    trace: (...a) => host.log("log", format(a)),
  };

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
    process,
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
