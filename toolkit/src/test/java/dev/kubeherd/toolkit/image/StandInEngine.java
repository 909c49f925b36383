package dev.kubeherd.toolkit.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A docker client stand-in, as a shell script in a directory of its own: it appends every call to
 * {@code calls.log}, answers {@code image inspect} with one small image (so every image is local),
 * succeeds at everything else, and lets the subcommand it is told to hang on ({@code start}, {@code
 * pull}) write its process id and a child's to {@code hang.pid} and {@code hang.child}, print a
 * line to stderr, and run until it is stopped.
 */
final class StandInEngine {
  static final String IMAGE =
      "[{\"Id\":\"sha256:feed\",\"Created\":\"2026-01-01T00:00:00Z\","
          + "\"RootFS\":{\"Layers\":[\"sha256:a\"]},\"Config\":{\"WorkingDir\":\"/app\"}}]";

  final Path dir;
  final Path client;

  private StandInEngine(Path dir, Path client) {
    this.dir = dir;
    this.client = client;
  }

  /**
   * A client named {@code docker} in {@code dir} that hangs on {@code subcommand}, a shell {@code
   * case} pattern: {@code start}, or {@code start|rm} for several.
   */
  static StandInEngine hangingOn(Path dir, String subcommand) throws Exception {
    Files.createDirectories(dir);
    Path client = dir.resolve("docker");
    Files.writeString(
        client,
        "#!/bin/sh\n"
            + "here=\"$(dirname \"$0\")\"\n"
            + "echo \"$*\" >> \"$here/calls.log\"\n"
            + "case \"$1\" in\n"
            + "  "
            + subcommand
            + ")\n"
            + "    echo $$ > \"$here/hang.pid\"\n"
            + "    sleep 1304 &\n"
            + "    echo $! > \"$here/hang.child.tmp\" && mv \"$here/hang.child.tmp\" \"$here/hang.child\"\n"
            + "    echo 'still running' >&2\n"
            + "    wait ;;\n"
            + "  image) echo '"
            + IMAGE
            + "' ;;\n"
            + "esac\n"
            + "exit 0\n");
    Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new StandInEngine(dir, client);
  }

  /** Every call so far: {@code start -a kubeherd-app-…-builder}. */
  List<String> calls() throws Exception {
    Path log = dir.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** The name of the first container created. */
  String firstContainer() throws Exception {
    List<String> calls = calls();
    return calls.stream()
        .filter(c -> c.startsWith("create --name "))
        .map(c -> c.split(" ")[2])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container was created: " + calls));
  }

  /** The ids of the hanging call and its child, once it has written both. */
  Optional<List<Long>> hangingPids() throws Exception {
    Path child = dir.resolve("hang.child");
    if (!Files.exists(child)) {
      return Optional.empty();
    }
    return Optional.of(
        List.of(
            Long.parseLong(Files.readString(dir.resolve("hang.pid")).strip()),
            Long.parseLong(Files.readString(child).strip())));
  }
}
