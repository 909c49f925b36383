package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sync app} in a JVM of its own, for {@link SyncStopTest}: {@code REPO_DIR BIN SCRATCH}, the
 * tools found only in {@code BIN}.
 */
public final class StoppedSyncMain {
  private StoppedSyncMain() {}

  public static void main(String[] args) throws Exception {
    ToolRunner tools =
        new ToolRunner(
            Map.of("PATH", args[1] + ":/usr/bin:/bin"), ExternalTool::command, System.out::println);
    new AppSync(tools, System.out::println)
        .run(
            new SyncOptions(
                Path.of(args[0]), "test", "k8s1", Optional.empty(), false, Path.of(args[2]), false),
            Optional.of("v1"));
  }
}
