package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.log.SecretValues;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.LogStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brig build logs ID|--last [--init] [--jobs]}: the worker's init container log, the worker
 * log, then each job's log.
 */
@Command(name = "logs", description = "Print the worker log of a build (and its jobs' logs).")
public final class BuildLogsCommand extends StoreCommand {

  @Parameters(
      paramLabel = "BUILD_ID",
      arity = "0..1",
      description = "Build ID (or brigade-worker-<ID>).")
  String buildId;

  @Option(
      names = {"-l", "--last"},
      description = "The most recent build.")
  boolean last;

  @Option(
      names = {"-j", "--jobs"},
      description = "Also print the log of every job.")
  boolean jobs;

  @Option(
      names = {"-i", "--init"},
      description = "Also print the worker's vcs-sidecar init container log (Kubernetes mode).")
  boolean init;

  public BuildLogsCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    Build build = target();
    String id = build.id();
    LogStore logs = app.logs();
    if (init) {
      printInitLog(build);
    }
    List<String> sources = logs.sources(id);
    List<String> jobSources = jobSources(id, sources);
    boolean hasWorker = sources.contains(LogStore.WORKER);
    if (!hasWorker && (!jobs || jobSources.isEmpty())) {
      throw new CliException("No logs for build \"" + id + "\"");
    }
    if (hasWorker) {
      printLog(logs.read(id, LogStore.WORKER));
    }
    if (jobs) {
      for (String source : jobSources) {
        out().print("\n==========[  " + source + "  ]==========\n");
        printLog(logs.read(id, source));
      }
    }
  }

  /**
   * Every job of the build in start order (a job that printed nothing has a record but no log
   * file), then any other job logs.
   */
  private List<String> jobSources(String id, List<String> sources) {
    Set<String> pods = new LinkedHashSet<>();
    app.builds().jobs(id).forEach(j -> pods.add(j.podName()));
    sources.stream().filter(s -> !s.equals(LogStore.WORKER)).forEach(pods::add);
    return List.copyOf(pods);
  }

  private Build target() {
    if (buildId != null && last) {
      throw new CliException("pass either a build ID or --last, not both");
    }
    if (buildId != null) {
      return BuildIds.require(app.builds(), buildId);
    }
    if (!last) {
      throw new CliException("build ID required (or --last for the most recent build)");
    }
    Optional<Build> newest = app.builds().list(Optional.empty()).stream().findFirst();
    return newest.orElseThrow(() -> new CliException("there are no builds yet"));
  }

  private void printInitLog(Build build) {
    Optional<String> log = app.initLog(build);
    if (log.isEmpty()) {
      err()
          .println(
              "No vcs-sidecar log for build "
                  + build.id()
                  + ": its worker has no init container (the worker clones itself and logs it),"
                  + " or the worker pod is gone");
      return;
    }
    out().print("==========[  " + build.workerName() + " vcs-sidecar  ]==========\n");
    // read from the pod, so not masked when written like the logs in the LogStore
    SecretValues secrets =
        app.projects().find(build.projectId()).map(SecretValues::of).orElse(SecretValues.NONE);
    printLog(secrets.mask(log.get()));
    out().println();
  }

  private void printLog(String text) {
    out().print(text);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      out().println();
    }
  }
}
