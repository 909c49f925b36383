package dev.kubeherd.core.service;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.util.Optional;
import java.util.Set;

/**
 * A rerun's request ({@code brig rerun}, the dashboard's rerun button): the old build's request
 * with the changes asked for. Keeps the old provider, titles, clone URL, payload, script and —
 * unlike v1, which lost it — the brigade.json; the log level is the one given ({@code log} by
 * default, as v1 reset it).
 */
public final class BuildRerun {
  /** The log level of a rerun when none is asked for. */
  public static final String DEFAULT_LEVEL = "log";

  /** The worker log levels a build can ask for. */
  public static final Set<String> LEVELS = Set.of("log", "info", "warn", "error");

  private BuildRerun() {}

  /**
   * What to change; an empty field keeps the old build's value (an empty ref too).
   *
   * @param level the worker log level of the new build
   */
  public record Changes(
      Optional<String> event, Optional<String> commit, Optional<String> ref, String level) {

    /** No changes: the same event and revision at the default log level. */
    public static Changes none() {
      return new Changes(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LEVEL);
    }
  }

  /** The new build's request. */
  public static BuildRequest request(BuildRequest old, Changes changes) {
    Revision r = old.revision();
    return new BuildRequest(
        old.projectId(),
        changes.event().orElse(old.type()),
        old.provider(),
        new Revision(
            changes.commit().orElse(r.commit()),
            changes.ref().filter(ref -> !ref.isEmpty()).orElse(r.ref())),
        old.payload(),
        old.script(),
        old.config(),
        changes.level(),
        old.shortTitle(),
        old.longTitle(),
        old.cloneUrl());
  }
}
