package dev.kubeherd.cli.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Recording stand-ins on a test's PATH: argv and cwd per tool, {@code calls.log} in order. */
final class StandInBin {
  final Path bin;

  StandInBin(Path bin) throws Exception {
    this.bin = Files.createDirectories(bin);
  }

  StandInBin add(String name, String body) throws Exception {
    Path script = bin.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "d=\"$(dirname \"$0\")\"\n"
            + "echo \"$(basename \"$0\") $*\" >> \"$d/calls.log\"\n"
            + "printf '%s\\n' \"$@\" > \"$0.argv\"\n"
            + "pwd -P > \"$0.cwd\"\n"
            + "echo \"GIT_TAG=${GIT_TAG:-}\" > \"$0.env\"\n"
            + body
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  String path() {
    return bin + ":/usr/bin:/bin";
  }

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

  String env(String name) throws Exception {
    return Files.readString(bin.resolve(name + ".env")).strip();
  }
}
