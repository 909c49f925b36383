package dev.kubeherd.kube.store;

import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.port.UnreadableEntry;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The project and build Secrets that cannot be read, as {@link UnreadableEntry unreadable entries}:
 * each names its Secret, says what is wrong, and how to get rid of it with brig.
 */
final class UnreadableSecrets {
  private UnreadableSecrets() {}

  /**
   * The entries of those {@code secrets} that {@code decode} cannot read (it throws {@link
   * UnreadableEntryException}), in ID order.
   */
  static List<UnreadableEntry> scan(List<Secret> secrets, Consumer<Secret> decode) {
    List<UnreadableEntry> damaged = new ArrayList<>();
    for (Secret s : secrets) {
      try {
        decode.accept(s);
      } catch (UnreadableEntryException e) {
        damaged.add(e.entry());
      }
    }
    damaged.sort(Comparator.comparing(UnreadableEntry::id));
    return damaged;
  }

  /** {@code Secret <namespace>/<name>}. */
  static String location(Secret s) {
    return "Secret " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }

  static UnreadableEntryException build(Secret s, String buildId, RuntimeException cause) {
    UnreadableEntry entry =
        new UnreadableEntry(
            buildId,
            location(s),
            cause.getMessage() + " (brig build delete --force " + buildId + " deletes it)",
            Optional.ofNullable(labels(s).get(BrigadeLabels.PROJECT)).filter(p -> !p.isBlank()));
    return new UnreadableEntryException(entry, cause);
  }

  static UnreadableEntryException project(Secret s, RuntimeException cause) {
    String id = s.getMetadata().getName();
    UnreadableEntry entry =
        new UnreadableEntry(
            id,
            location(s),
            cause.getMessage() + " (brig project delete " + id + " deletes it)",
            Optional.empty());
    return new UnreadableEntryException(entry, cause);
  }

  private static Map<String, String> labels(Secret s) {
    Map<String, String> labels = s.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
