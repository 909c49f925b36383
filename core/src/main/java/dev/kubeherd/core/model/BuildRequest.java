package dev.kubeherd.core.model;

import java.util.Objects;

/**
 * What a gateway or brig asks for: the fields of a Brigade v1 build secret before an ID is
 * assigned. Strings are never null ({@code ""} when absent), as in the v1 wire format.
 */
public record BuildRequest(
    String projectId,
    String type,
    String provider,
    Revision revision,
    String payload,
    String script,
    String config,
    String logLevel,
    String shortTitle,
    String longTitle,
    String cloneUrl) {

  public BuildRequest {
    Objects.requireNonNull(projectId, "projectId");
    type = orEmpty(type);
    provider = orEmpty(provider);
    revision = revision == null ? new Revision("", "") : revision;
    payload = orEmpty(payload);
    script = orEmpty(script);
    config = orEmpty(config);
    logLevel = orEmpty(logLevel);
    shortTitle = orEmpty(shortTitle);
    longTitle = orEmpty(longTitle);
    cloneUrl = orEmpty(cloneUrl);
  }

  /** A request with only project, event type and provider; everything else empty. */
  public static BuildRequest of(String projectId, String type, String provider) {
    return new BuildRequest(projectId, type, provider, null, "", "", "", "", "", "", "");
  }

  public BuildRequest withRevision(Revision r) {
    return new BuildRequest(
        projectId,
        type,
        provider,
        r,
        payload,
        script,
        config,
        logLevel,
        shortTitle,
        longTitle,
        cloneUrl);
  }

  public BuildRequest withPayload(String p) {
    return new BuildRequest(
        projectId,
        type,
        provider,
        revision,
        p,
        script,
        config,
        logLevel,
        shortTitle,
        longTitle,
        cloneUrl);
  }

  public BuildRequest withScript(String s) {
    return new BuildRequest(
        projectId,
        type,
        provider,
        revision,
        payload,
        s,
        config,
        logLevel,
        shortTitle,
        longTitle,
        cloneUrl);
  }

  public BuildRequest withConfig(String c) {
    return new BuildRequest(
        projectId,
        type,
        provider,
        revision,
        payload,
        script,
        c,
        logLevel,
        shortTitle,
        longTitle,
        cloneUrl);
  }

  public BuildRequest withLogLevel(String l) {
    return new BuildRequest(
        projectId,
        type,
        provider,
        revision,
        payload,
        script,
        config,
        l,
        shortTitle,
        longTitle,
        cloneUrl);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
