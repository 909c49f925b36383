// kubeherd worker console: Node's console as build scripts use it, over the host bridge's log.
// Messages format like Node's util.format; groups indent, time/count keep their labels per build.
// Written for kubeherd from the Brigade v1 contract (docs/COMPATIBILITY.md); no Node.js built-ins.
(function (host) {
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

  let indent = "";
  const write = (level, text) =>
    host.log(level, indent === "" ? text : indent + text.split("\n").join("\n" + indent));
  const print = (level) => (...a) => write(level, format(a));
  const warning = (text) => write("warn", "Warning: " + text);

  const timers = new Map();
  const counts = new Map();
  function elapsed(method, label, data) {
    const started = timers.get(label);
    if (started === undefined) {
      warning("No such label '" + label + "' for console." + method + "()");
      return;
    }
    const ms = (host.monotonicMillis() - started).toFixed(3);
    write("log", format(["%s: %sms", label, ms].concat(data)));
  }

  const console = {
    log: print("log"),
    info: print("info"),
    warn: print("warn"),
    error: print("error"),
    debug: print("log"),
    trace: print("log"),
    dirxml: print("log"),
    // Node prints util.inspect of the one object (options are ignored); here, as log shows it
    dir: (obj) => write("log", show(obj)),
    // no table drawing: the data is printed as log prints it
    table: (data) => write("log", show(data)),
    assert: (ok, ...data) => {
      if (ok) return;
      if (typeof data[0] === "string") data[0] = "Assertion failed: " + data[0];
      else data.unshift("Assertion failed");
      write("error", format(data));
    },
    time: (label = "default") => {
      label = String(label);
      if (timers.has(label)) warning("Label '" + label + "' already exists for console.time()");
      else timers.set(label, host.monotonicMillis());
    },
    timeLog: (label = "default", ...data) => elapsed("timeLog", String(label), data),
    timeEnd: (label = "default") => {
      label = String(label);
      elapsed("timeEnd", label, []);
      timers.delete(label);
    },
    count: (label = "default") => {
      label = String(label);
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      write("log", label + ": " + n);
    },
    countReset: (label = "default") => {
      label = String(label);
      if (counts.has(label)) counts.set(label, 0);
      else warning("Count for '" + label + "' does not exist");
    },
    group: (...label) => {
      if (label.length > 0) write("log", format(label));
      indent += "  ";
    },
    groupEnd: () => {
      indent = indent.slice(2);
    },
  };
  console.groupCollapsed = console.group;
  return console;
});
