package dev.kubeherd.core.local.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out whether jobs can get a private mount namespace here: as root (or with {@code
 * CAP_SYS_ADMIN}) with plain {@code unshare --mount}, else inside a new user namespace mapping the
 * current user to root (where the kernel allows unprivileged user namespaces). Each candidate is
 * tried for real by bind-mounting one temporary directory onto another.
 */
final class MountNamespaceProbe {
  private static final Logger LOG = LoggerFactory.getLogger(MountNamespaceProbe.class);
  static final List<String> AS_ROOT = List.of("unshare", "--mount", "--propagation", "private");
  static final List<String> IN_USER_NAMESPACE =
      List.of("unshare", "--user", "--map-root-user", "--mount", "--propagation", "private");
  private static final String BIND_AND_CHECK = "mount --bind \"$1\" \"$2\" && test -e \"$2/probe\"";

  private MountNamespaceProbe() {}

  /** The {@code unshare} command prefix that works here, or empty if none does. */
  static Optional<List<String>> probe(WorkDir workDir) {
    for (List<String> prefix : List.of(AS_ROOT, IN_USER_NAMESPACE)) {
      if (works(prefix, workDir)) {
        return Optional.of(prefix);
      }
    }
    return Optional.empty();
  }

  private static boolean works(List<String> prefix, WorkDir workDir) {
    try {
      JobDir dir = JobDir.create(workDir, "mount-probe");
      try {
        Path from = dir.write("from/probe", "").getParent();
        Path to = Files.createDirectories(dir.path().resolve("to"));
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/bin/sh", "-c", BIND_AND_CHECK, "probe", from + "", to + ""));
        return succeeds(command);
      } finally {
        dir.delete();
      }
    } catch (IOException e) {
      LOG.debug("Mount namespace probe {} failed: {}", prefix, e.toString());
      return false;
    }
  }

  private static boolean succeeds(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    if (!ProcessTree.awaitUninterruptibly(process, 10)) {
      process.destroyForcibly();
      LOG.debug("Mount namespace probe {} hung", command);
      return false;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      LOG.debug("Mount namespace probe {} failed: {}", command, output.strip());
    }
    return process.exitValue() == 0;
  }
}
