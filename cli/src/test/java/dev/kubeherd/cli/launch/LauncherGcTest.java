package dev.kubeherd.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/kubeherd} picks the garbage collector by command: the parallel one for the servers,
 * the serial one for everything else. Runs the real launcher against a stand-in {@code java} that
 * prints the options it was given.
 */
class LauncherGcTest {
  private static final Path BIN = Path.of("..", "bin").toAbsolutePath().normalize();

  @TempDir Path top;

  @Test
  void theServersGetTheParallelCollector() throws Exception {
    for (List<String> args :
        List.of(
            List.of("gateway", "--local"),
            List.of("controller", "-namespace", "brigade"),
            List.of("serve", "--local"),
            List.of("server", "--local", "--port", "7746"),
            List.of("-v", "server", "--local"))) {
      assertThat(javaOptions(args))
          .as("%s", args)
          .contains("-XX:+UseParallelGC")
          .doesNotContain("-XX:+UseSerialGC");
    }
  }

  @Test
  void everythingElseKeepsTheSerialCollector() throws Exception {
    for (List<String> args :
        List.<List<String>>of(
            List.of(),
            List.of("--help"),
            List.of("worker"),
            List.of("sync", "app", "server"),
            List.of("build", "image", "--context", "gateway"))) {
      assertThat(javaOptions(args))
          .as("%s", args)
          .contains("-XX:+UseSerialGC")
          .doesNotContain("-XX:+UseParallelGC");
    }
  }

  private String javaOptions(List<String> args) throws Exception {
    Path bin = Files.createDirectories(top.resolve("bin"));
    for (String script : List.of("kubeherd", "find-java")) {
      Files.copy(BIN.resolve(script), bin.resolve(script), StandardCopyOption.REPLACE_EXISTING);
    }
    Path jar = top.resolve("cli/target/kubeherd.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[0]);
    Path java = Files.createDirectories(top.resolve("jdk/bin")).resolve("java");
    Files.writeString(
        java,
        """
        #!/usr/bin/env bash
        case "$*" in
          *-XshowSettings:properties*) echo '    java.specification.version = 25' >&2 ;;
          -version) echo 'stand-in java 25' >&2 ;;
          *) echo "OPTIONS $*" ;;
        esac
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>(List.of(bin.resolve("kubeherd").toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", top.resolve("jdk").toString());
    pb.environment().put("KUBEHERD_AOT", "off");
    pb.environment().remove("KUBEHERD_JAVA_OPTS");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bin/kubeherd finished").isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output.lines().filter(l -> l.startsWith("OPTIONS ")).findFirst().orElseThrow();
  }
}
