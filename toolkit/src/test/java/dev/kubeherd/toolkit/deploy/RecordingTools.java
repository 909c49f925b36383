package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.StandIns;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Recording stand-ins for helmfile, helm, kubectl and sops ({@link StandIns}) plus a {@link
 * ToolRunner} that finds only them, collecting the output lines it streams.
 */
final class RecordingTools {
  final Path bin;
  final List<String> output = new CopyOnWriteArrayList<>();
  private final StandIns standIns;

  RecordingTools(Path bin) throws Exception {
    this.standIns = new StandIns(bin);
    this.bin = standIns.bin;
  }

  RecordingTools add(String name, String body) throws Exception {
    standIns.add(name, body);
    return this;
  }

  RecordingTools add(String name) throws Exception {
    return add(name, "exit 0");
  }

  ToolRunner runner() {
    return new ToolRunner(
        Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", "/home/kubeherd"),
        ExternalTool::command,
        output::add);
  }

  /** Every invocation so far, in order: {@code helm upgrade web ./chart …}. */
  List<String> calls() throws Exception {
    return standIns.calls();
  }

  List<String> argv(String name) throws Exception {
    return standIns.argv(name);
  }

  Path cwd(String name) throws Exception {
    return standIns.cwd(name);
  }

  Map<String, String> env(String name) throws Exception {
    return standIns.env(name);
  }
}
