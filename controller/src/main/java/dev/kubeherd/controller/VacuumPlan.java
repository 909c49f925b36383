package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which builds the vacuum deletes (pure): finished builds created before {@code now - maxAge}, and
 * finished builds past the {@code maxCount} newest (all builds count towards the newest, running
 * ones included). A build that has not finished (pending, running, unknown) is never chosen.
 */
public final class VacuumPlan {
  private static final Comparator<Build> NEWEST_FIRST =
      Comparator.comparing(Build::createdAt).thenComparing(Build::id).reversed();

  private VacuumPlan() {}

  /** The builds to delete, newest first. */
  public static List<Build> plan(List<Build> builds, VacuumPolicy policy, Instant now) {
    List<Build> newestFirst = builds.stream().sorted(NEWEST_FIRST).toList();
    Set<Build> doomed = new LinkedHashSet<>();
    if (policy.limitsAge()) {
      Instant cutoff = now.minus(policy.maxAge());
      newestFirst.stream().filter(b -> b.createdAt().isBefore(cutoff)).forEach(doomed::add);
    }
    if (policy.limitsCount()) {
      newestFirst.stream().skip(policy.maxCount()).forEach(doomed::add);
    }
    return newestFirst.stream()
        .filter(doomed::contains)
        .filter(b -> b.status().phase().isTerminal())
        .toList();
  }
}
