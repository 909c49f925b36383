package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filters and page of {@code GET /api/v1/builds}: {@code project} (name or ID), {@code phase},
 * {@code event}, {@code limit} (1–500, default 50) and {@code offset}. Anything else, or a value
 * that cannot be read, is a 400 naming the parameter. Pure.
 */
record BuildQuery(
    Optional<String> project,
    Optional<BuildPhase> phase,
    Optional<String> event,
    int limit,
    int offset) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final Set<String> PARAMETERS =
      Set.of("project", "phase", "event", "limit", "offset");

  static BuildQuery parse(MultiMap params) {
    for (String name : params.names()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiException.badRequest(
            "unknown parameter '" + name + "'; builds can be filtered by " + sorted(PARAMETERS));
      }
      if (params.getAll(name).size() > 1) {
        throw ApiException.badRequest("parameter '" + name + "' given more than once");
      }
    }
    return new BuildQuery(
        text(params, "project"),
        text(params, "phase").map(BuildQuery::phase),
        text(params, "event"),
        number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        number(params, "offset", 0, 0, Integer.MAX_VALUE));
  }

  /** Whether {@code build} passes the phase and event filters (the project one is the store's). */
  boolean matches(Build build) {
    return phase.map(p -> p == build.status().phase()).orElse(true)
        && event.map(e -> e.equals(build.request().type())).orElse(true);
  }

  /** This query's page of {@code all}. */
  <T> List<T> page(List<T> all) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }

  private static Optional<String> text(MultiMap params, String name) {
    return Optional.ofNullable(params.get(name)).filter(v -> !v.isBlank()).map(String::strip);
  }

  private static BuildPhase phase(String value) {
    return Arrays.stream(BuildPhase.values())
        .filter(p -> p.display().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "phase '"
                        + value
                        + "' is not one of "
                        + Arrays.stream(BuildPhase.values())
                            .map(BuildPhase::display)
                            .collect(Collectors.joining(", "))));
  }

  private static int number(MultiMap params, String name, int byDefault, int min, int max) {
    Optional<String> value = text(params, name);
    if (value.isEmpty()) {
      return byDefault;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", not '"
            + value.get()
            + "'");
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().collect(Collectors.joining(", ")).toLowerCase(Locale.ROOT);
  }
}
