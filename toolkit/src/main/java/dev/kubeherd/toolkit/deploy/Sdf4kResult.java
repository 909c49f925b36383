package dev.kubeherd.toolkit.deploy;

import java.util.List;

/** What an sdf4k run did: the component, its {@code GIT_TAG} and the kinds run, in order. */
public record Sdf4kResult(String component, String gitTag, List<DeployKind> ran) {
  public Sdf4kResult {
    ran = List.copyOf(ran);
  }
}
