package dev.kubeherd.core.local.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.JobSpec.Mount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MountNamespaceScriptTest {
  /** Stand-ins for mkdir, mount and cd that print their arguments, one per line. */
  private static final String FAKES =
      "mkdir() { printf 'mkdir[%s]\\n' \"$@\"; }; "
          + "mount() { printf 'mount[%s]\\n' \"$@\"; }; "
          + "cd() { printf 'cd[%s]\\n' \"$@\"; }; ";

  @TempDir Path tmp;

  @Test
  void bindsParentsFirstThenChangesDirectoryAndExecsTheJob() throws Exception {
    List<Mount> mounts =
        List.of(
            new Mount(Path.of("/h/cache"), "/mnt/brigade/cache"),
            new Mount(Path.of("/h/all"), "/mnt/brigade/"),
            new Mount(Path.of("/h/src"), "/src"));
    String script = MountNamespaceScript.generate(mounts, Optional.of("/src"));

    assertThat(script).startsWith("#!/bin/sh\n").endsWith("cd '/src'\nexec \"$@\"\n");
    assertThat(script.lines().filter(l -> l.startsWith("mount ")))
        .containsExactly(
            "mount --bind '/h/src' '/src'",
            "mount --bind '/h/all' '/mnt/brigade'",
            "mount --bind '/h/cache' '/mnt/brigade/cache'");
  }

  @Test
  void passesPathsWithSpacesQuotesAndDollarsVerbatim() throws Exception {
    String host = "/tmp/it's a \"dir\" with $HOME and `x` and \\";
    String inside = "/src/o'neil dir";
    String script =
        MountNamespaceScript.generate(
            List.of(new Mount(Path.of(host), inside)), Optional.of(inside));

    assertThat(runWithFakes(script, "echo", "job ran"))
        .isEqualTo(
            String.join(
                "\n",
                "mkdir[-p]",
                "mkdir[" + inside + "]",
                "mount[--bind]",
                "mount[" + host + "]",
                "mount[" + inside + "]",
                "cd[" + inside + "]",
                "job ran",
                ""));
  }

  @Test
  void leavesTheDirectoryAloneWithoutAWorkingPath() {
    String script =
        MountNamespaceScript.generate(
            List.of(new Mount(Path.of("/h/share"), "/mnt/brigade/share")), Optional.empty());
    assertThat(script).doesNotContain("cd ").endsWith("exec \"$@\"\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"src", "/", "/..", ""})
  void rejectsRelativePathsAndTheRoot(String path) {
    List<Mount> mounts = List.of(new Mount(Path.of("/h"), path));
    assertThatThrownBy(() -> MountNamespaceScript.generate(mounts, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an absolute directory other than /");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"plain", "a b", "it's", "'", "''", "$(id)", "\"q\"", "back\\slash", "new\nline"})
  void quotesAnyTextAsOneShellWord(String text) throws Exception {
    Process sh =
        new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + MountNamespaceScript.quote(text))
            .redirectErrorStream(true)
            .start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).isZero();
    assertThat(out).isEqualTo(text);
  }

  /** Sources {@code script} with fake mkdir, mount and cd, then the job command it execs. */
  private String runWithFakes(String script, String... job) throws Exception {
    Path file = Files.writeString(tmp.resolve("mounts.sh"), script);
    List<String> command =
        new ArrayList<>(
            List.of("/bin/sh", "-c", FAKES + "f=$1; shift; . \"$f\"", "sh", file.toString()));
    command.addAll(List.of(job));
    Process sh = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).as(out).isZero();
    return out;
  }
}
