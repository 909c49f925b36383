package dev.kubeherd.gateway;

import java.util.Locale;

/**
 * A request path as the gateway's logs may print it. The generic gateways take their secret in the
 * path ({@code /simpleevents/v1/<project>/<secret>}), and a path the router refuses (a wrong case,
 * a bad percent escape, an encoded slash) is logged too, so masking cannot rely on routing: any
 * path that names a generic gateway anywhere, once percent escapes are decoded, keeps the gateway,
 * version and project segments and masks the rest. Pure.
 */
public final class LoggedPath {
  private static final String[] SECRET_PATHS = {"simpleevents", "cloudevents"};
  private static final int KEPT_SEGMENTS = 3; // gateway, version, project

  private LoggedPath() {}

  public static String of(String rawPath) {
    if (rawPath == null) {
      return "";
    }
    String decoded = decodeLeniently(rawPath);
    int start = secretPathStart(decoded.toLowerCase(Locale.ROOT));
    if (start < 0) {
      return LogText.printable(rawPath);
    }
    String[] segments = decoded.substring(start).split("/", -1);
    StringBuilder kept = new StringBuilder(decoded.substring(0, start));
    for (int i = 0; i < Math.min(KEPT_SEGMENTS, segments.length); i++) {
      kept.append(i == 0 ? "" : "/").append(segments[i]);
    }
    if (segments.length > KEPT_SEGMENTS) {
      kept.append("/***");
    }
    return LogText.printable(kept.toString());
  }

  private static int secretPathStart(String lower) {
    int start = -1;
    for (String name : SECRET_PATHS) {
      int at = lower.indexOf(name);
      if (at >= 0 && (start < 0 || at < start)) {
        start = at;
      }
    }
    return start;
  }

  /** Valid {@code %XX} escapes decoded (as Latin-1, enough to find ASCII names); others kept. */
  private static String decodeLeniently(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        int hi = Character.digit(path.charAt(i + 1), 16);
        int lo = Character.digit(path.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.append((char) (hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
