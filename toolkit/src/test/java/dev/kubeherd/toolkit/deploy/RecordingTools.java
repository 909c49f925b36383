package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Recording stand-ins for helmfile, helm, kubectl and sops on a test's own PATH: each run appends
 * {@code <tool> <argv…>} to {@code calls.log} (the order of invocations) and writes its argv, cwd
 * and environment next to the script, then runs the given body.
 */
final class RecordingTools {
  final Path bin;
  final List<String> output = new CopyOnWriteArrayList<>();

  RecordingTools(Path bin) throws Exception {
    this.bin = Files.createDirectories(bin);
  }

  RecordingTools add(String name, String body) throws Exception {
    Path script = bin.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "rec=\"$(dirname \"$0\")/"
            + name
            + "\"\n"
            + "echo \""
            + name
            + " $*\" >> \"$(dirname \"$0\")/calls.log\"\n"
            + "printf '%s\\n' \"$@\" > \"$rec.argv\"\n"
            + "pwd -P > \"$rec.cwd\"\n"
            + "env > \"$rec.env\"\n"
            + body
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
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
    Path log = bin.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  List<String> argv(String name) throws Exception {
    return Files.readAllLines(bin.resolve(name + ".argv"));
  }

  Path cwd(String name) throws Exception {
    return Path.of(Files.readString(bin.resolve(name + ".cwd")).strip());
  }

  Map<String, String> env(String name) throws Exception {
    return Files.readAllLines(bin.resolve(name + ".env")).stream()
        .filter(l -> l.contains("="))
        .map(l -> l.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b));
  }
}
