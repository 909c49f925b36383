package dev.kubeherd.core;

/** No project with that name or ID. */
public class ProjectNotFoundException extends KubeherdException {
  public ProjectNotFoundException(String message) {
    super(message);
  }

  public ProjectNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
