package dev.kubeherd.cli.run;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.build.BuildIds;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.service.BuildRerun;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brig rerun BUILD_ID}: a new build (new ID) from an old one, with flags overriding what
 * they name ({@link BuildRerun}, shared with the dashboard); the log level goes back to {@code log}
 * unless {@code -l} is given, as in v1.
 */
@Command(name = "rerun", description = "Run a build again, as a new build, with optional changes.")
public final class RerunCommand extends StoreCommand {

  @Parameters(paramLabel = "BUILD_ID", description = "Build to run again (or brigade-worker-<ID>).")
  String buildId;

  @Option(
      names = {"-e", "--event"},
      paramLabel = "EVENT",
      description = "Event type to fire (default: the old build's).")
  String event;

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

  @Mixin ContentOptions content;

  @Mixin FollowOptions follow;

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
    follow.finish(app, build, out(), err());
  }

  private BuildRequest request(BuildRequest old) {
    BuildRerun.Changes changes =
        new BuildRerun.Changes(
            Optional.ofNullable(event),
            Optional.ofNullable(commit),
            Optional.ofNullable(ref),
            level);
    return content.applyTo(BuildRerun.request(old, changes), err());
  }
}
