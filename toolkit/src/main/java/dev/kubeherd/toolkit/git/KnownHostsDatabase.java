package dev.kubeherd.toolkit.git;

import dev.kubeherd.git.HostKeyDatabase;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Strict host key checking against one known_hosts file (plain or hashed entries, {@code
 * [host]:port} for other ports): a host is accepted only with a key listed for it; nothing is ever
 * added to the file. A key on an {@code @revoked} line is refused for every host, even where
 * another line lists it; {@code @cert-authority} lines are skipped (host certificates are not
 * supported, so a CA key is never taken for a host key), as are lines with any other marker.
 */
final class KnownHostsDatabase extends HostKeyDatabase {
  private static final String REVOKED = "revoked";

  private final Path file;
  private final List<KnownHostEntry> entries;

  KnownHostsDatabase(Path file) {
    this.file = file;
    try {
      this.entries = KnownHostEntry.readKnownHostEntries(file);
    } catch (IOException | RuntimeException e) {
      throw new GitAccessException(
          ToolkitExitCodes.INPUT_MISSING,
          "cannot read known_hosts file " + file + ": " + e.getMessage());
    }
  }

  @Override
  protected List<PublicKey> known(String connectAddress, InetSocketAddress remoteAddress) {
    List<PublicKey> keys = new ArrayList<>();
    for (KnownHostEntry entry : entries) {
      if (entry.getMarker() == null && matches(entry, connectAddress, remoteAddress)) {
        keys.add(key(entry));
      }
    }
    return keys;
  }

  @Override
  protected boolean accepts(
      String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey) {
    return !revoked(serverKey)
        && known(connectAddress, remoteAddress).stream()
            .anyMatch(k -> KeyUtils.compareKeys(k, serverKey));
  }

  /** Whether an {@code @revoked} line lists {@code key} (whatever its host patterns). */
  private boolean revoked(PublicKey key) {
    return entries.stream()
        .filter(e -> REVOKED.equals(e.getMarker()))
        .anyMatch(e -> KeyUtils.compareKeys(key(e), key));
  }

  /** The file, for messages. */
  Path file() {
    return file;
  }

  private static boolean matches(
      KnownHostEntry entry, String connectAddress, InetSocketAddress remote) {
    String host = hostOf(connectAddress);
    int port = remote.getPort();
    return entry.isHostMatch(host, port) || entry.isHostMatch(remote.getHostString(), port);
  }

  /** {@code [host]:port} or {@code host} → host. */
  private static String hostOf(String connectAddress) {
    if (connectAddress.startsWith("[")) {
      int end = connectAddress.indexOf(']');
      return end > 0 ? connectAddress.substring(1, end) : connectAddress;
    }
    return connectAddress;
  }

  private PublicKey key(KnownHostEntry entry) {
    try {
      return entry
          .getKeyEntry()
          .resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.IGNORING);
    } catch (IOException | GeneralSecurityException e) {
      throw new GitAccessException(
          ToolkitExitCodes.INPUT_MISSING,
          "known_hosts file " + file + " has an unreadable key: " + entry.getConfigLine());
    }
  }
}
