package dev.kubeherd.core.port;

import java.util.List;

/**
 * A store that can name the entries it cannot read, which its {@code list} skips: the directory
 * stores of local mode and the Secret stores of Kubernetes mode. {@code brig check} and {@code brig
 * build delete-all --force} use it.
 */
public interface DamageScan {

  /** Every stored entry that exists but cannot be read, in ID order. */
  List<UnreadableEntry> unreadable();
}
