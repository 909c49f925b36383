package dev.kubeherd.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * What is kept about one job of a build (the v1 job pod): listed by {@code brig build logs --jobs}.
 */
public record JobRecord(
    String buildId,
    String name,
    String podName,
    String image,
    BuildPhase phase,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<Integer> exitCode) {}
