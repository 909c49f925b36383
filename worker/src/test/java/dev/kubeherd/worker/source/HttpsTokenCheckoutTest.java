package dev.kubeherd.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.core.model.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS clone URLs get the project's github.token as basic auth; a server that refuses it fails the
 * checkout naming the setting, never the token. The server is the JDK's HTTP server answering every
 * request 401, as GitHub answers a token that may not read the repository.
 */
class HttpsTokenCheckoutTest {
  static final String TOKEN = "ghp_0123456789abcdefTOKENVALUE";
  @TempDir Path dir;
  RefusingHttpServer server;

  @BeforeEach
  void serve() throws Exception {
    server = new RefusingHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theTokenIsSentAsBasicAuthAndARefusalNamesTheSettingNotTheToken() {
    String url = server.url("org/private.git");
    CheckoutSettings settings = new CheckoutSettings("", "", TOKEN, false);

    assertThatThrownBy(
            () ->
                new GitCheckout(line -> {})
                    .checkout(url, Revision.ofRef("master"), settings, dir.resolve("work")))
        .isInstanceOf(KubeherdException.class)
        .hasMessageContaining("refused the project's github.token")
        .hasMessageNotContaining(TOKEN);
    assertThat(server.authorizations())
        .map(a -> decode(a.substring("Basic ".length())))
        .contains(RepoTransport.TOKEN_USER + ":" + TOKEN);
  }

  @Test
  void withoutATokenTheFailureSaysWhichSettingsGiveCredentials() {
    String url = server.url("org/private.git");

    assertThatThrownBy(
            () ->
                new GitCheckout(line -> {})
                    .checkout(
                        url, Revision.ofRef("master"), CheckoutSettings.NONE, dir.resolve("w")))
        .hasMessageContaining("set the project's sshKey (for an SSH cloneURL) or github.token");
    assertThat(server.authorizations()).isEmpty();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
