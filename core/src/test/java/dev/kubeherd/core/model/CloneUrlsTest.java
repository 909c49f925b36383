package dev.kubeherd.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Clone URLs as they may be shown: no password, no user name except SSH's login name. */
class CloneUrlsTest {
  @Test
  void httpsUrlsLoseUserAndPassword() {
    assertThat(
            CloneUrls.withoutCredentials(
                "https://x-access-token:ghp_secret@github.com/acme/rocket.git"))
        .isEqualTo("https://github.com/acme/rocket.git");
    assertThat(CloneUrls.withoutCredentials("https://ghp_secret@github.com:8443/acme/x.git"))
        .isEqualTo("https://github.com:8443/acme/x.git");
    assertThat(CloneUrls.withoutCredentials("http://u:p@ss@h.example/x.git?a=b"))
        .isEqualTo("http://h.example/x.git?a=b");
  }

  @Test
  void sshUrlsKeepTheLoginNameAndLoseThePassword() {
    assertThat(CloneUrls.withoutCredentials("git@github.com:acme/x.git"))
        .isEqualTo("git@github.com:acme/x.git");
    assertThat(CloneUrls.withoutCredentials("git:hunter2@github.com:acme/x.git"))
        .isEqualTo("git@github.com:acme/x.git");
    assertThat(CloneUrls.withoutCredentials("ssh://git:hunter2@github.com:2222/acme/x.git"))
        .isEqualTo("ssh://git@github.com:2222/acme/x.git");
    assertThat(CloneUrls.withoutCredentials("git+ssh://git@github.com/acme/x.git"))
        .isEqualTo("git+ssh://git@github.com/acme/x.git");
  }

  @Test
  void urlsWithoutCredentialsAndLocalPathsAreUnchanged() {
    assertThat(CloneUrls.withoutCredentials("https://github.com/acme/x.git"))
        .isEqualTo("https://github.com/acme/x.git");
    assertThat(CloneUrls.withoutCredentials("github.com:acme/x.git"))
        .isEqualTo("github.com:acme/x.git");
    assertThat(CloneUrls.withoutCredentials("/srv/git/x@y.git")).isEqualTo("/srv/git/x@y.git");
    assertThat(CloneUrls.withoutCredentials("")).isEmpty();
  }
}
