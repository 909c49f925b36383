package dev.kubeherd.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** As v1's sidecar: every host key is accepted, none is known beforehand. */
class AcceptAnyHostKeyTest {
  @Test
  void acceptsEveryKeyAndTellsTheListenerWhichHostAndKey() throws Exception {
    PublicKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
    List<String> told = new ArrayList<>();
    var hosts = new AcceptAnyHostKey((address, k) -> told.add(address + " " + (k == key)));
    var remote = new InetSocketAddress("127.0.0.1", 2222);

    assertThat(hosts.lookup("[git.example]:2222", remote, null)).isEmpty();
    assertThat(hosts.accept("[git.example]:2222", remote, key, null, null)).isTrue();
    assertThat(told).containsExactly("[git.example]:2222 true");
  }
}
