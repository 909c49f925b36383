package dev.kubeherd.core.port;

import java.util.List;

/**
 * A store that can name the entries it cannot read, which its {@code list} skips. The directory
 * stores of local mode are; {@code brig check --local} uses it.
 */
public interface DamageScan {

  /** Every stored entry that exists but cannot be read, in ID order. */
  List<UnreadableEntry> unreadable();
}
