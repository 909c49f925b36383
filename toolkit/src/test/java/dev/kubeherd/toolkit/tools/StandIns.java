package dev.kubeherd.toolkit.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Recording stand-ins for helmfile, sops & co. in a test's own bin directory: each run writes its
 * argv (one per line), working directory and whole environment next to the script, appends {@code
 * <tool> <argv…>} to {@code calls.log} (the order of invocations), then runs the given body (print,
 * fail, …). Used by the tool runner's tests and by the deploy commands' tests.
 */
public final class StandIns {
  /** Variables a POSIX shell adds on its own. */
  private static final List<String> SHELL_VARIABLES = List.of("PWD", "OLDPWD", "SHLVL", "_");

  public final Path bin;

  public StandIns(Path bin) throws Exception {
    this.bin = Files.createDirectories(bin);
  }

  /** A stand-in named {@code name} that records its call, then runs {@code body}. */
  public Path add(String name, String body) throws Exception {
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
    return script;
  }

  /** Every invocation so far, in order: {@code helm upgrade web ./chart …}. */
  public List<String> calls() throws Exception {
    Path log = bin.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  public List<String> argv(String name) throws Exception {
    return Files.readAllLines(bin.resolve(name + ".argv"));
  }

  public Path cwd(String name) throws Exception {
    return Path.of(Files.readString(bin.resolve(name + ".cwd")).strip());
  }

  /** The environment it saw, without what the shell adds. */
  public Map<String, String> env(String name) throws Exception {
    return Files.readAllLines(bin.resolve(name + ".env")).stream()
        .filter(l -> l.contains("="))
        .map(l -> l.split("=", 2))
        .filter(kv -> !SHELL_VARIABLES.contains(kv[0]))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, TreeMap::new));
  }
}
