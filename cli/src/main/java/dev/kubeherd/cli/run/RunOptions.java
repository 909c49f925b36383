package dev.kubeherd.cli.run;

import dev.kubeherd.cli.JobRuntimeOption;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code brig run} (v1.5), kept apart so {@code rerun} can share them later. */
public final class RunOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "brigade.js to run instead of the project's.")
  Path script;

  @Option(
      names = {"-e", "--event"},
      paramLabel = "EVENT",
      defaultValue = "exec",
      description = "Event type to fire (default: ${DEFAULT-VALUE}).")
  String event;

  @Option(
      names = {"-p", "--payload"},
      paramLabel = "FILE",
      description = "File whose content is the event payload.")
  Path payloadFile;

  @Option(
      names = {"-i", "--inline-payload"},
      paramLabel = "TEXT",
      description = "The event payload itself (not with --payload).")
  String inlinePayload;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "brigade.json to use instead of the project's.")
  Path config;

  @Option(
      names = {"-c", "--commit"},
      paramLabel = "COMMIT",
      description = "Commit to build (default: none, the ref decides).")
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

  @Option(
      names = {"-b", "--background"},
      description = "Create the build and exit without running or waiting for it.")
  boolean background;

  @Option(
      names = "--no-progress",
      description = "Print the worker log as is, without collapsing job phase lines.")
  boolean noProgress;

  @Option(names = "--no-color", description = "Remove colour codes from the worker log.")
  boolean noColor;

  @Mixin JobRuntimeOption runtime;
}
