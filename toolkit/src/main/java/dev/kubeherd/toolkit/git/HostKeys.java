package dev.kubeherd.toolkit.git;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How SSH host keys are checked: strictly against a known_hosts file, or not at all (any key is
 * accepted and its fingerprint logged), for hosts whose key is not pinned.
 */
public record HostKeys(Optional<Path> knownHosts) {
  /** Only host keys listed in {@code knownHosts} (plain or hashed OpenSSH entries) are accepted. */
  public static HostKeys strict(Path knownHosts) {
    return new HostKeys(Optional.of(knownHosts));
  }

  /** Any host key is accepted; its fingerprint is logged. */
  public static HostKeys acceptAny() {
    return new HostKeys(Optional.empty());
  }
}
