package dev.kubeherd.worker.job;

import java.util.ArrayList;
import java.util.List;
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
}
