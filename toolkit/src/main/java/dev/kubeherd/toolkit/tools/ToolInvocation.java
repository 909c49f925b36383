package dev.kubeherd.toolkit.tools;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of an external tool, fully explicit: the arguments (without the executable), the
 * variables added to the runner's base environment, and the working directory.
 */
public record ToolInvocation(
    ExternalTool tool, List<String> args, Map<String, String> env, Path cwd) {
  public ToolInvocation {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  public static ToolInvocation of(ExternalTool tool, Path cwd, String... args) {
    return new ToolInvocation(tool, List.of(args), Map.of(), cwd);
  }

  /** The same run with {@code extra} variables added (e.g. {@code CLUSTER}, {@code APP}). */
  public ToolInvocation withEnv(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(extra);
    return new ToolInvocation(tool, args, all, cwd);
  }
}
