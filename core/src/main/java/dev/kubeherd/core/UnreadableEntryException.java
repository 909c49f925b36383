package dev.kubeherd.core;

import dev.kubeherd.core.port.UnreadableEntry;

/**
 * A stored project or build exists but cannot be read; {@link #entry()} says which, and what to
 * remove to get rid of it. It can still be deleted by its ID.
 */
public final class UnreadableEntryException extends CorruptStateException {
  private final transient UnreadableEntry entry;

  public UnreadableEntryException(UnreadableEntry entry, Throwable cause) {
    super(entry.problem(), cause);
    this.entry = entry;
  }

  public UnreadableEntry entry() {
    return entry;
  }
}
