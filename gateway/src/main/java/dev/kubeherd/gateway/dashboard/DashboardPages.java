package dev.kubeherd.gateway.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files (HTML, CSS and ES modules in {@code dashboard/web/} on the class
 * path), read once into memory: {@code /} and {@code /builds/:id} are the one page, whose script
 * shows the build list or the build; {@code /dashboard/<file>} are its assets. Strict security
 * headers (no inline script, same-origin only), ETags for revalidation.
 */
final class DashboardPages {
  static final String ASSETS = "/dashboard/";
  private static final String ROOT = "/dev/kubeherd/gateway/dashboard/web/";
  private static final List<String> FILES =
      List.of("index.html", "style.css", "app.js", "api.js", "builds.js", "build.js", "dom.js");
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  DashboardPages() {
    FILES.forEach(name -> assets.put(name, load(name)));
  }

  void mount(Router router) {
    Asset page = assets.get("index.html");
    router.get("/").handler(ctx -> serve(ctx, page));
    router.get("/builds/:id").handler(ctx -> serve(ctx, page));
    router
        .get(ASSETS + ":file")
        .handler(
            ctx -> {
              Asset asset = assets.get(ctx.pathParam("file"));
              if (asset == null) {
                ctx.response().setStatusCode(404).end("no such file");
              } else {
                serve(ctx, asset);
              }
            });
  }

  private static void serve(RoutingContext ctx, Asset asset) {
    var response = ctx.response();
    response
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("ETag", asset.etag());
    if (asset.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader("Content-Type", asset.type()).end(asset.bytes());
  }

  private record Asset(Buffer bytes, String type, String etag) {}

  private static Asset load(String name) {
    try (InputStream in = DashboardPages.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "dashboard file " + ROOT + name + " is missing from the jar");
      }
      byte[] bytes = in.readAllBytes();
      return new Asset(Buffer.buffer(bytes), type(name), etag(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard file " + name, e);
    }
  }

  private static String type(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always there", e);
    }
  }
}
