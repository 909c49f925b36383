package dev.kubeherd.cli.run;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code brig run} (v1.5); those {@code rerun} has too are in the mixins. */
public final class RunOptions {

  @Option(
      names = {"-e", "--event"},
      paramLabel = "EVENT",
      defaultValue = "exec",
      description = "Event type to fire (default: ${DEFAULT-VALUE}).")
  String event;

  @Option(
      names = {"-i", "--inline-payload"},
      paramLabel = "TEXT",
      description = "The event payload itself (not with --payload).")
  String inlinePayload;

  @Option(
      names = {"-c", "--commit"},
      paramLabel = "COMMIT",
      description =
          "Commit to build (default: none). The ref is checked out when both are set, as in"
              + " Brigade v1: add -r \"\" to build this commit.")
  String commit = "";

  @Option(
      names = {"-r", "--ref"},
      paramLabel = "REF",
      defaultValue = "master",
      description = "Ref to build (default: ${DEFAULT-VALUE}).")
  String ref;

  @Option(
      names = {"-l", "--level"},
      paramLabel = "LEVEL",
      defaultValue = "log",
      description = "Worker log level: log, info, warn or error (default: ${DEFAULT-VALUE}).")
  String level;

  @Mixin ContentOptions content;

  @Mixin FollowOptions follow;
}
