package dev.kubeherd.kube.brigade;

import java.util.List;

/**
 * The data keys of a Brigade v1 build Secret. Writers always write all of them, possibly empty;
 * readers tolerate any of them missing.
 */
public final class BuildSecretKeys {
  public static final String SCRIPT = "script";
  public static final String CONFIG = "config";
  public static final String PAYLOAD = "payload";
  public static final String EVENT_TYPE = "event_type";
  public static final String EVENT_PROVIDER = "event_provider";
  public static final String COMMIT_ID = "commit_id";
  public static final String COMMIT_REF = "commit_ref";

  /** The worker's {@code BRIGADE_PROJECT_ID} comes from this key, not from the label. */
  public static final String PROJECT_ID = "project_id";

  /** The Secret name; becomes the worker ID. */
  public static final String BUILD_NAME = "build_name";

  /** A v1 quirk: also the Secret name, not the ULID. Written, never read. */
  public static final String BUILD_ID = "build_id";

  public static final String SHORT_TITLE = "short_title";
  public static final String LONG_TITLE = "long_title";
  public static final String CLONE_URL = "clone_url";
  public static final String LOG_LEVEL = "log_level";

  public static final List<String> ALL =
      List.of(
          SCRIPT,
          CONFIG,
          PAYLOAD,
          EVENT_TYPE,
          EVENT_PROVIDER,
          COMMIT_ID,
          COMMIT_REF,
          PROJECT_ID,
          BUILD_NAME,
          BUILD_ID,
          SHORT_TITLE,
          LONG_TITLE,
          CLONE_URL,
          LOG_LEVEL);

  private BuildSecretKeys() {}
}
