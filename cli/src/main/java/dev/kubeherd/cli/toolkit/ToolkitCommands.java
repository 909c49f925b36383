package dev.kubeherd.cli.toolkit;

import java.util.List;

/**
 * The names of the {@code kubeherd} subcommand groups that are toolkit commands: they get {@code
 * --config} and toolkit defaults, and each is a section of {@code kubeherd.yaml}.
 */
public final class ToolkitCommands {
  public static final List<String> GROUPS =
      List.of("build", "brigadm", "brigcluster", "deploy", "undeploy", "sdf4k", "sync");

  private ToolkitCommands() {}
}
