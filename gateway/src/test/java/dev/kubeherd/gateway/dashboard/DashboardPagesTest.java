package dev.kubeherd.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's page and assets as the gateway serves them. */
class DashboardPagesTest {
  @TempDir Path home;
  LocalDashboard dash;

  @BeforeEach
  void start() throws Exception {
    dash = new LocalDashboard(home, "");
  }

  @AfterEach
  void stop() throws Exception {
    dash.close();
  }

  @Test
  void theRootAndEveryBuildPathServeThePageWithAStrictContentSecurityPolicy() throws Exception {
    for (String path : new String[] {"/", "/builds/01hzzzzzzzzzzzzzzzzzzzzzzz"}) {
      HttpResponse<String> page = dash.get(path);

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/app.js\">");
      assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("script-src 'self'", "frame-ancestors 'none'");
    }
  }

  @Test
  void modulesAreServedAsJavaScriptAndRevalidatedByETag() throws Exception {
    HttpResponse<String> app = dash.get("/dashboard/app.js");
    String etag = app.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again =
        dash.gateway.send(
            HttpRequest.newBuilder(dash.gateway.uri("/dashboard/app.js"))
                .header("If-None-Match", etag));

    assertThat(app.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(app.body()).contains("import { showBuilds } from './builds.js'");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(dash.get("/dashboard/nope.js").statusCode()).isEqualTo(404);
  }
}
