package dev.kubeherd.cli.run;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.JobRuntimeOption;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.build.BuildIds;
import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brig rerun BUILD_ID}: a new build (new ID) from an old one, with flags overriding what
 * they name. Keeps the old provider, titles, clone URL, payload, script and — unlike v1, which lost
 * it — the brigade.json; the log level goes back to {@code log} unless {@code -l} is given, as in
 * v1.
 */
@Command(name = "rerun", description = "Run a build again, as a new build, with optional changes.")
public final class RerunCommand extends StoreCommand {

  @Parameters(paramLabel = "BUILD_ID", description = "Build to run again (or brigade-worker-<ID>).")
  String buildId;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "brigade.js to run instead of the old build's.")
  Path script;

  @Option(
      names = {"-e", "--event"},
      paramLabel = "EVENT",
      description = "Event type to fire (default: the old build's).")
  String event;

  @Option(
      names = {"-p", "--payload"},
      paramLabel = "FILE",
      description = "File whose content replaces the payload.")
  Path payloadFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "brigade.json to use instead of the old build's.")
  Path config;

  @Option(
      names = {"-c", "--commit"},
      paramLabel = "COMMIT",
      description = "Commit to build (default: the old build's).")
  String commit;

  @Option(
      names = {"-r", "--ref"},
      paramLabel = "REF",
      description = "Ref to build (default: the old build's).")
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

  public RerunCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() throws InterruptedException {
    RunCommand.requireLevel(level);
    Build old = BuildIds.require(app.builds(), buildId);
    requireProject(old.projectId());
    Build build = app.builds().create(request(old.request()));
    err().println("Rerunning build " + old.id() + " as " + build.id());
    Foreground.finish(
        app,
        build,
        background,
        out(),
        err(),
        Foreground.printer(out(), noProgress, noColor),
        runtime.runtime(),
        this::verbose);
  }

  private BuildRequest request(BuildRequest old) {
    Revision r = old.revision();
    BuildRequest changed =
        new BuildRequest(
            old.projectId(),
            event == null ? old.type() : event,
            old.provider(),
            new Revision(
                commit == null ? r.commit() : commit, ref == null || ref.isEmpty() ? r.ref() : ref),
            old.payload(),
            old.script(),
            old.config(),
            level,
            old.shortTitle(),
            old.longTitle(),
            old.cloneUrl());
    if (payloadFile != null) {
      changed = changed.withPayload(TextFiles.read(payloadFile, "payload"));
    }
    if (script != null) {
      changed = changed.withScript(TextFiles.read(script, "brigade.js"));
    }
    if (config != null) {
      changed = changed.withConfig(TextFiles.read(config, "brigade.json"));
    }
    return changed;
  }
}
