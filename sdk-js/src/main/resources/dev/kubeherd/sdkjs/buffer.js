// kubeherd worker Buffer: the part of Node's Buffer build scripts use (from, new Buffer/Buffer(), toString,
// byteLength, isBuffer, concat, alloc, equals, toJSON), a Uint8Array whose text encodings the host converts.
// Evaluated on the script's first use of `Buffer`.
// Written for kubeherd from the Brigade v1 contract (docs/COMPATIBILITY.md); no Node.js built-ins.
(function (host) {
  "use strict";

  const ENCODINGS = {
    utf8: "utf8",
    "utf-8": "utf8",
    utf16le: "utf16le",
    "utf-16le": "utf16le",
    ucs2: "utf16le",
    "ucs-2": "utf16le",
    latin1: "latin1",
    binary: "latin1",
    ascii: "ascii",
    base64: "base64",
    base64url: "base64url",
    hex: "hex",
  };

  function encodingOf(name) {
    if (name === undefined || name === null) return "utf8";
    const found = ENCODINGS[String(name).toLowerCase()];
    if (found === undefined) throw new TypeError("Unknown encoding: " + name);
    return found;
  }

  // bytes travel to and from the host as strings of one char (0-255) per byte
  function toBinary(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    }
    return s;
  }

  function isArrayLike(value) {
    return value !== null && typeof value === "object" && typeof value.length === "number";
  }
  function notConvertible(value) {
    return new TypeError(
      "The first argument must be a string, an Array, a Buffer or an ArrayBuffer; got " +
        (value === null ? "null" : typeof value),
    );
  }

  class Buffer extends Uint8Array {
    // Node's deprecated new Buffer(string, encoding | array | buffer | size | arrayBuffer, offset,
    // length); Uint8Array's methods (subarray, map, filter) create Buffers through the last two
    constructor(value, encodingOrOffset, length) {
      if (typeof value === "number") {
        super(value);
      } else if (value instanceof ArrayBuffer) {
        super(value, encodingOrOffset || 0, length);
      } else if (typeof value === "string") {
        const binary = host.encodeText(value, encodingOf(encodingOrOffset));
        super(binary.length);
        for (let i = 0; i < binary.length; i++) this[i] = binary.charCodeAt(i);
      } else if (isArrayLike(value)) {
        super(value.length);
        this.set(value);
      } else {
        throw notConvertible(value);
      }
    }
    static from(value, encodingOrOffset, length) {
      if (typeof value !== "string" && !(value instanceof ArrayBuffer) && !isArrayLike(value)) {
        throw notConvertible(value);
      }
      return new Buffer(value, encodingOrOffset, length);
    }
    static alloc(size, fill, encoding) {
      const b = new Buffer(size);
      if (typeof fill === "number") b.fill(fill);
      else if (fill !== undefined) {
        const pattern = typeof fill === "string" ? Buffer.from(fill, encoding) : fill;
        for (let i = 0; pattern.length > 0 && i < size; i++) b[i] = pattern[i % pattern.length];
      }
      return b;
    }
    static isBuffer(value) {
      return value instanceof Buffer;
    }
    static isEncoding(name) {
      return typeof name === "string" && Object.prototype.hasOwnProperty.call(ENCODINGS, name.toLowerCase());
    }
    static byteLength(value, encoding) {
      if (typeof value !== "string") return value.byteLength;
      return host.encodeText(value, encodingOf(encoding)).length;
    }
    static concat(list, totalLength) {
      const total = totalLength === undefined ? list.reduce((n, b) => n + b.length, 0) : totalLength;
      const out = Buffer.alloc(total);
      let at = 0;
      for (const b of list) {
        if (at >= total) break;
        const part = b.length > total - at ? b.subarray(0, total - at) : b;
        out.set(part, at);
        at += part.length;
      }
      return out;
    }
    // as Node: start below 0 is 0, end beyond the length is the length (neither counts from the end)
    toString(encoding, start, end) {
      const from = start === undefined ? 0 : Math.max(0, Math.trunc(Number(start)) || 0);
      const to = end === undefined ? this.length : Math.min(this.length, Math.trunc(Number(end)) || 0);
      if (to <= from) return "";
      return host.decodeBytes(toBinary(this.subarray(from, to)), encodingOf(encoding));
    }
    equals(other) {
      if (!(other instanceof Uint8Array)) throw new TypeError("equals() takes a Buffer or Uint8Array");
      return this.length === other.length && this.every((v, i) => v === other[i]);
    }
    // as Node: a view on the same bytes (Uint8Array's slice copies)
    slice(start, end) {
      return this.subarray(start, end);
    }
    toJSON() {
      return { type: "Buffer", data: Array.from(this) };
    }
  }
  // Node 12 also takes Buffer(…) without new (deprecated); the global is this function, whose
  // prototype is Buffer's, so instanceof, isBuffer and buf.constructor === Buffer hold
  const callable = function Buffer(value, encodingOrOffset, length) {
    return new BufferClass(value, encodingOrOffset, length);
  };
  const BufferClass = Buffer;
  Object.setPrototypeOf(callable, Buffer);
  callable.prototype = Buffer.prototype;
  Object.defineProperty(Buffer.prototype, "constructor", {
    value: callable,
    writable: true,
    configurable: true,
  });
  return callable;
});
