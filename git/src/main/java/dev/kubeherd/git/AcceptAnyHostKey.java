package dev.kubeherd.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * No host key checking, as v1's git sidecar ({@code StrictHostKeyChecking=no}): every key is
 * accepted, and told to a listener if one is given.
 */
public final class AcceptAnyHostKey extends HostKeyDatabase {
  private final BiConsumer<String, PublicKey> onAccept;

  /** Accepts every key silently. */
  public AcceptAnyHostKey() {
    this((address, key) -> {});
  }

  /**
   * @param onAccept called with the connect address and the key of every host accepted
   */
  public AcceptAnyHostKey(BiConsumer<String, PublicKey> onAccept) {
    this.onAccept = onAccept;
  }

  @Override
  protected List<PublicKey> known(String connectAddress, InetSocketAddress remote) {
    return List.of();
  }

  @Override
  protected boolean accepts(String connectAddress, InetSocketAddress remote, PublicKey serverKey) {
    onAccept.accept(connectAddress, serverKey);
    return true;
  }
}
