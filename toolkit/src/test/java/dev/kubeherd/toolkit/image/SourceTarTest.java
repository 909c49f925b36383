package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build context packed for the containers, with the system's tar. */
class SourceTarTest {
  @TempDir Path tmp;

  @Test
  void theContextIsPackedWithoutAnyGitDirectoryOrFileAndKeepsModesAndLinks() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("app"));
    Files.createDirectories(context.resolve(".git"));
    Files.writeString(
        context.resolve(".git/config"),
        "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n");
    Files.createDirectories(context.resolve("vendor/lib"));
    Files.writeString(context.resolve("vendor/lib/.git"), "gitdir: ../../.git/modules/lib\n");
    Files.writeString(context.resolve("vendor/lib/lib.rb"), "puts 1\n");
    Files.writeString(context.resolve(".gitignore"), "tmp/\n");
    Path script = Files.writeString(context.resolve("bin.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(context.resolve("current"), Path.of("vendor/lib"));
    Path out = Files.createDirectories(tmp.resolve("run"));

    Path tar = SourceTar.write(context, out);

    List<String> listing = run("tar", "-tvf", tar.toString());
    assertThat(listing)
        .anyMatch(l -> l.endsWith("./vendor/lib/lib.rb"))
        .anyMatch(l -> l.endsWith("./.gitignore"))
        .anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith("./bin.sh"))
        .anyMatch(l -> l.startsWith("l") && l.contains("./current -> vendor/lib"))
        .noneMatch(l -> l.contains(".git/") || l.endsWith("/.git") || l.endsWith("./.git"));
  }

  @Test
  void aContextTarCannotReadSaysWhichAndWhy() {
    Path missing = tmp.resolve("no-such-context");

    assertThatThrownBy(() -> SourceTar.write(missing, tmp))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("could not pack the build context " + missing)
        .hasMessageContaining("tar exited with");
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    return output.lines().toList();
  }
}
