package dev.kubeherd.cli.run;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.worker.InProcessWorkerLauncher;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code brig run PROJECT}: creates a build (provider {@code brigade-cli}) and, unless {@code -b},
 * runs it and follows the worker log. Exit code 2 when the build fails.
 */
@Command(
    name = "run",
    aliases = "exec",
    description = "Run a build for a project and follow its worker log.")
public final class RunCommand extends StoreCommand {
  static final String PROVIDER = "brigade-cli";
  private static final Set<String> LEVELS = Set.of("log", "info", "warn", "error");

  @Parameters(paramLabel = "PROJECT", arity = "0..1", description = "Project name or ID.")
  String project;

  @Mixin RunOptions options;

  public RunCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() throws InterruptedException {
    Project p = validate();
    if (!options.background && app.runsWorkers()) {
      InProcessWorkerLauncher.prewarm(); // overlaps GraalJS start-up with storing the build
    }
    Build build = app.builds().create(request(p));
    Foreground.finish(
        app,
        build,
        options.background,
        out(),
        err(),
        Foreground.printer(out(), options.noProgress, options.noColor),
        options.runtime.runtime(),
        this::verbose);
  }

  static void requireLevel(String level) {
    if (!LEVELS.contains(level)) {
      throw new CliException("unknown log level \"" + level + "\"; use log, info, warn or error");
    }
  }

  private Project validate() {
    if (project == null || project.isBlank()) {
      throw new CliException("project name required");
    }
    if (options.payloadFile != null && options.inlinePayload != null) {
      throw new CliException("Both payload and inline-payload should not be specified");
    }
    requireLevel(options.level);
    return requireProject(project);
  }

  private BuildRequest request(Project p) {
    return BuildRequest.of(p.id(), options.event, PROVIDER)
        .withRevision(new Revision(options.commit, options.ref))
        .withPayload(payload())
        .withScript(optionalFile(options.script, "brigade.js"))
        .withConfig(optionalFile(options.config, "brigade.json"))
        .withLogLevel(options.level);
  }

  private String payload() {
    if (options.inlinePayload != null) {
      return options.inlinePayload;
    }
    return optionalFile(options.payloadFile, "payload");
  }

  private static String optionalFile(Path file, String what) {
    return file == null ? "" : TextFiles.read(file, what);
  }
}
