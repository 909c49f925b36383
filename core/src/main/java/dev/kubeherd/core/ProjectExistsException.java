package dev.kubeherd.core;

/** A project with that ID already exists. */
public class ProjectExistsException extends KubeherdException {
  public ProjectExistsException(String message) {
    super(message);
  }

  public ProjectExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
