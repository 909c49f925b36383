package dev.kubeherd.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * A {@link ServerKeyDatabase} that decides on the host's address and key alone (no JGit
 * configuration, no prompting through a credentials provider).
 */
public abstract class HostKeyDatabase implements ServerKeyDatabase {
  /**
   * The keys known for the host at {@code connectAddress} ({@code host} or {@code [host]:port}).
   */
  protected abstract List<PublicKey> known(String connectAddress, InetSocketAddress remote);

  /** Whether {@code serverKey} is accepted for the host at {@code connectAddress}. */
  protected abstract boolean accepts(
      String connectAddress, InetSocketAddress remote, PublicKey serverKey);

  @Override
  public final List<PublicKey> lookup(
      String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    return known(connectAddress, remoteAddress);
  }

  @Override
  public final boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    return accepts(connectAddress, remoteAddress, serverKey);
  }
}
