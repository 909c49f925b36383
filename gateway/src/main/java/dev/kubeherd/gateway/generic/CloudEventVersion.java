package dev.kubeherd.gateway.generic;

/** The CloudEvents spec versions the generic gateway takes, each on its own route. */
public enum CloudEventVersion {
  /** Brigade v1's route and texts. */
  V02("0.2", "/cloudevents/v02", "Brigade supports only '0.2' as CloudEvent specversion"),
  /** Ours: CloudEvents 1.0 in structured or binary HTTP mode. */
  V1(
      "1.0",
      "/cloudevents/v1",
      "This route supports only '1.0' as CloudEvent specversion; send 0.2 events to"
          + " /cloudevents/v02/");

  private final String specVersion;
  private final String path;
  private final String wrongVersion;

  CloudEventVersion(String specVersion, String path, String wrongVersion) {
    this.specVersion = specVersion;
    this.path = path;
    this.wrongVersion = wrongVersion;
  }

  /** The {@code specversion} value this route requires. */
  public String specVersion() {
    return specVersion;
  }

  /** The route's path before {@code /:projectID/:secret}. */
  public String path() {
    return path;
  }

  /** The 400 status text for an event of another version. */
  String wrongVersion() {
    return wrongVersion;
  }
}
