package dev.kubeherd.toolkit.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/** No host key checking: every key is accepted and its fingerprint reported. */
final class AcceptAnyHostKey implements ServerKeyDatabase {
  private final Consumer<String> log;

  AcceptAnyHostKey(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public List<PublicKey> lookup(
      String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    return List.of();
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    log.accept(
        "accepting host key "
            + KeyUtils.getFingerPrint(serverKey)
            + " of "
            + connectAddress
            + " unchecked; pass --known-hosts to pin it");
    return true;
  }
}
