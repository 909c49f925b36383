package dev.kubeherd.kube.brigade;

/** The Secret {@code type}s of Brigade v1. A build Secret of any other type is not a build. */
public final class SecretTypes {
  public static final String PROJECT = "brigade.sh/project";
  public static final String BUILD = "brigade.sh/build";
  public static final String JOB = "brigade.sh/job";

  private SecretTypes() {}
}
