package dev.kubeherd.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/** Which URLs count as the cloneURL's origin, the only place credentials are sent. */
class CloneOriginTest {
  @Test
  void httpsCoversTheSameHostAndDefaultPortOnly() throws Exception {
    CloneOrigin origin = CloneOrigin.of("https://github.com/org/app.git");

    assertThat(origin.covers(new URIish("https://GitHub.com:443/org/lib.git"))).isTrue();
    assertThat(origin.covers(new URIish("http://github.com/org/lib.git"))).isFalse();
    assertThat(origin.covers(new URIish("https://github.com:8443/org/lib.git"))).isFalse();
    assertThat(origin.covers(new URIish("https://attacker.example/x.git"))).isFalse();
  }

  @Test
  void scpLikeAndSshUrlsOfOneHostAreOneOrigin() throws Exception {
    CloneOrigin origin = CloneOrigin.of("git@github.com:org/app.git");

    assertThat(origin.covers(new URIish("ssh://git@github.com/org/lib.git"))).isTrue();
    assertThat(origin.covers(new URIish("ssh://git@github.com:2222/org/lib.git"))).isFalse();
    assertThat(origin.covers(new URIish("git@attacker.example:x.git"))).isFalse();
  }

  @Test
  void aLocalPathCoversNothing() throws Exception {
    assertThat(CloneOrigin.of("/srv/app.git").covers(new URIish("/srv/lib.git"))).isFalse();
  }
}
