package dev.kubeherd.cli.run;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.service.BuildRerun;
import dev.kubeherd.worker.InProcessWorkerLauncher;
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

  @Parameters(paramLabel = "PROJECT", arity = "0..1", description = "Project name or ID.")
  String project;

  @Mixin RunOptions options;

  public RunCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() throws InterruptedException {
    if (!options.follow.background && app.runsWorkers()) {
      // overlaps GraalJS start-up (engine and the build's context) with reading the project and
      // storing the build
      InProcessWorkerLauncher.prewarm();
    }
    Project p = validate();
    Build build = app.builds().create(request(p));
    options.follow.finish(app, build, out(), err());
  }

  static void requireLevel(String level) {
    if (!BuildRerun.LEVELS.contains(level)) {
      throw new CliException("unknown log level \"" + level + "\"; use log, info, warn or error");
    }
  }

  private Project validate() {
    if (project == null || project.isBlank()) {
      throw new CliException("project name required");
    }
    if (options.content.payloadFile != null && options.inlinePayload != null) {
      throw new CliException("Both payload and inline-payload should not be specified");
    }
    requireLevel(options.level);
    return requireProject(project);
  }

  private BuildRequest request(Project p) {
    BuildRequest request =
        BuildRequest.of(p.id(), options.event, PROVIDER)
            .withRevision(new Revision(options.commit, options.ref))
            .withPayload(options.inlinePayload == null ? "" : options.inlinePayload)
            .withLogLevel(options.level);
    return options.content.applyTo(request, err());
  }
}
