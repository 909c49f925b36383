package dev.kubeherd.cli;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubeherd self-test}: runs a one-job brigade.js in a throw-away local home and reports how
 * it went — a quick check that GraalJS, the stores and the process runtime work on this machine.
 * The launcher also uses it to train the JDK's ahead-of-time cache for faster start-up.
 */
@Command(
    name = "self-test",
    mixinStandardHelpOptions = true,
    description = "Run a one-job build in a temporary local home to check this installation.")
public final class SelfTestCommand implements Callable<Integer> {
  static final String SCRIPT =
      """
      const { events, Job } = require("brigadier");
      events.on("exec", async () => console.log(String(await new Job("check", "", ["echo ok"]).run())));
      """;
  private final BrigApp app;
  @Spec CommandSpec spec;

  public SelfTestCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws IOException {
    Path home = Files.createTempDirectory("kubeherd-self-test");
    try {
      Map<String, String> env = new HashMap<>(app.env());
      env.put("KUBEHERD_HOME", home.toString());
      BrigApp local = BrigApp.local(env, app.clock());
      long start = System.nanoTime();
      BuildStatus status = runOneBuild(local);
      long ms = (System.nanoTime() - start) / 1_000_000;
      spec.commandLine()
          .getOut()
          .println("self-test: build " + status.phase().display() + " in " + ms + " ms");
      return status.phase() == BuildPhase.SUCCEEDED ? ExitCodes.OK : ExitCodes.BUILD_FAILED;
    } finally {
      deleteTree(home);
    }
  }

  private static BuildStatus runOneBuild(BrigApp local) {
    Project project =
        new Project(ProjectIds.fromName("kubeherd/self-test"), "kubeherd/self-test", "", Map.of());
    local.projects().create(project);
    Build build =
        local.builds().create(BuildRequest.of(project.id(), "exec", "kubeherd").withScript(SCRIPT));
    local.builds().claim(build.id(), "self-test");
    return local
        .launcher()
        .launch(local.builds().find(build.id()).orElseThrow())
        .toCompletableFuture()
        .join();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + root, e);
    }
  }
}
