package dev.kubeherd.worker.source;

import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.jgit.transport.URIish;

/**
 * The scheme, host and port of the project's cloneURL: the only place the project's credentials are
 * sent (a submodule or redirect elsewhere gets none). {@code ssh://}, {@code git+ssh://} and
 * scp-like {@code git@host:path} are one scheme; a missing port is the scheme's default.
 */
record CloneOrigin(String scheme, String host, int port) {
  /** Matches nothing: for clone URLs that cannot be parsed. */
  static final CloneOrigin NOWHERE = new CloneOrigin("", "", -1);

  static CloneOrigin of(String url) {
    try {
      return of(new URIish(url));
    } catch (URISyntaxException e) {
      return NOWHERE;
    }
  }

  static CloneOrigin of(URIish uri) {
    if (uri.getHost() == null) {
      return NOWHERE;
    }
    String scheme = scheme(uri);
    return new CloneOrigin(
        scheme, uri.getHost().toLowerCase(Locale.ROOT), port(scheme, uri.getPort()));
  }

  /** Whether {@code uri} is on this origin (same scheme, host and port). */
  boolean covers(URIish uri) {
    return this != NOWHERE && !host.isEmpty() && equals(of(uri));
  }

  /** {@code scheme://host:port}, for messages. */
  String describe() {
    return scheme + "://" + host + ":" + port;
  }

  private static String scheme(URIish uri) {
    String scheme = uri.getScheme() == null ? "ssh" : uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.contains("ssh") ? "ssh" : scheme;
  }

  private static int port(String scheme, int port) {
    if (port > 0) {
      return port;
    }
    return switch (scheme) {
      case "ssh" -> 22;
      case "http" -> 80;
      case "https" -> 443;
      case "git" -> 9418;
      default -> -1;
    };
  }
}
