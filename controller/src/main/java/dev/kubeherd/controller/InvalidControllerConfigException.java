package dev.kubeherd.controller;

import dev.kubeherd.core.KubeherdException;
import java.util.List;

/** One or more controller settings are unusable; the message names each and how to fix it. */
public class InvalidControllerConfigException extends KubeherdException {
  private final List<String> problems;

  public InvalidControllerConfigException(List<String> problems) {
    super("Invalid controller configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per unusable setting. */
  public List<String> problems() {
    return problems;
  }
}
