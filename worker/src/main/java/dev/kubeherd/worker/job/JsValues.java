package dev.kubeherd.worker.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** Reads properties of script objects with JavaScript truthiness and defaults. */
final class JsValues {
  private JsValues() {}

  static Value member(Value obj, String key) {
    if (obj == null || obj.isNull() || !obj.hasMembers()) {
      return null;
    }
    Value v = obj.getMember(key);
    return v == null || v.isNull() ? null : v;
  }

  static String string(Value obj, String key, String dflt) {
    Value v = member(obj, key);
    return v == null ? dflt : v.isString() ? v.asString() : v.toString();
  }

  static boolean truthy(Value obj, String key, boolean dflt) {
    Value v = member(obj, key);
    if (v == null) {
      return dflt;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isNumber()) {
      return v.asDouble() != 0;
    }
    if (v.isString()) {
      return !v.asString().isEmpty();
    }
    return true;
  }

  /** JavaScript's {@code Boolean(v)} (so {@code NaN} and {@code ""} are false, objects true). */
  static boolean isTruthy(Value v) {
    return global(v, "Boolean").execute(v).asBoolean();
  }

  /** JavaScript's {@code Number(v)}: {@code "5000"} is 5000, {@code "abc"} NaN. */
  static double toNumber(Value v) {
    try {
      return global(v, "Number").execute(v).asDouble();
    } catch (PolyglotException e) { // a Symbol, or an object whose valueOf throws
      return Double.NaN;
    }
  }

  private static Value global(Value v, String name) {
    return v.getContext().getBindings("js").getMember(name);
  }

  static long number(Value obj, String key, long dflt) {
    Value v = member(obj, key);
    return v != null && v.isNumber() ? (long) v.asDouble() : dflt;
  }

  static List<String> strings(Value obj, String key) {
    Value v = member(obj, key);
    List<String> out = new ArrayList<>();
    if (v != null && v.hasArrayElements()) {
      for (long i = 0; i < v.getArraySize(); i++) {
        Value e = v.getArrayElement(i);
        out.add(e.isString() ? e.asString() : e.toString());
      }
    }
    return out;
  }

  /** A plain object's own members as strings, in property order ({@code null} values skipped). */
  static Map<String, String> stringMap(Value obj, String key) {
    Value v = member(obj, key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null && v.hasMembers() && !v.hasArrayElements()) {
      for (String k : v.getMemberKeys()) {
        Value e = v.getMember(k);
        if (e != null && !e.isNull() && !e.canExecute()) {
          out.put(k, e.isString() ? e.asString() : e.toString());
        }
      }
    }
    return out;
  }

  /**
   * The entries of a JavaScript {@code Map} as strings, in insertion order. Anything else (a plain
   * object, as v1 ignores it) gives an empty map.
   */
  static Map<String, String> jsMap(Value obj, String key) {
    Value v = member(obj, key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null && v.hasHashEntries()) {
      Value it = v.getHashEntriesIterator();
      while (it.hasIteratorNextElement()) {
        Value entry = it.getIteratorNextElement();
        out.put(text(entry.getArrayElement(0)), text(entry.getArrayElement(1)));
      }
    }
    return out;
  }

  /** Each element of an array member as JSON text ({@code JSON.stringify}). */
  static List<String> jsonElements(Value obj, String key) {
    Value v = member(obj, key);
    List<String> out = new ArrayList<>();
    if (v != null && v.hasArrayElements()) {
      for (long i = 0; i < v.getArraySize(); i++) {
        Value e = v.getArrayElement(i);
        if (e != null && !e.isNull()) {
          out.add(json(e));
        }
      }
    }
    return out;
  }

  /** {@code JSON.stringify(v)} in v's own context (call on the context's thread). */
  static String json(Value v) {
    Value stringify = v.getContext().getBindings("js").getMember("JSON").getMember("stringify");
    Value s = stringify.execute(v);
    return s.isString() ? s.asString() : "null";
  }

  private static String text(Value v) {
    return v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString();
  }
}
