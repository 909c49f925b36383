package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.toolkit.DurationConverter;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.toolkit.pipeline.BuildFollow;
import dev.kubeherd.toolkit.pipeline.EventFiring;
import dev.kubeherd.toolkit.pipeline.RunCommandJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brigadm run "CMD"} (§2.7): one job on the namespace's pipeline, its log followed, its exit
 * code returned. CMD reaches the job as data (the event payload), never as script text.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run CMD as one job (brigadm-run) on the namespace's pipeline, print the build's log and exit"
          + " with the job's exit code.",
      "The job runs IMAGE (default: the kubeherd toolbox image) with CMD as its shell task; the"
          + " build's script is fixed and reads CMD from the event payload."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the job succeeded",
      "N:the job's exit code",
      "3:no project in the namespace, or no engine started the build in time"
    })
public final class RunJobCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CMD", description = "Shell command of the job.")
  String command;

  @Option(
      names = {"-n", "--namespace"},
      required = true,
      paramLabel = "NS",
      description = "Namespace of the pipeline.")
  String namespace;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "Project (default: the namespace's only project).")
  String project;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      description = "Job image (default: " + RunCommandJob.TOOLBOX_IMAGE + ").")
  String image = RunCommandJob.TOOLBOX_IMAGE;

  @Option(names = "--commit", paramLabel = "SHA", description = "Revision to check out.")
  String commit = "";

  @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Job environment (repeatable).")
  Map<String, String> env;

  @Option(
      names = "--start-timeout",
      paramLabel = "DURATION",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description =
          "Give up when no engine starts the build within this (default: ${DEFAULT-VALUE}).")
  Duration startTimeout;

  @Mixin KubeOptions kube;

  public RunJobCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    KubernetesClient client = kube.client(app);
    EventFiring events = new EventFiring(client, app.clock());
    Project p = events.project(namespace, Optional.ofNullable(project));
    Build build = new RunCommandJob(events).fire(p, command, image, commit, KeyValues.of(env));
    err.println("build " + build.id() + " created on project " + p.name() + "; following its log");
    err.flush();
    try (ConfigMapLogStore logs = new ConfigMapLogStore(client, namespace, app.clock())) {
      BuildFollow follow =
          new BuildFollow(
              events.builds(namespace), logs, Duration.ofMillis(500), spec.commandLine().getOut());
      Build ended = follow.await(build.id(), startTimeout);
      int code = follow.exitCode(ended, RunCommandJob.JOB);
      err.println("build " + ended.id() + " " + ended.status().phase() + ": job exit code " + code);
      err.flush();
      return code;
    }
  }
}
