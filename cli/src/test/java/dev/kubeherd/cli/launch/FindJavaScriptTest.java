package dev.kubeherd.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/find-java}, the JDK lookup every launcher runs first. */
class FindJavaScriptTest {
  private static final Path SCRIPT = Path.of("..", "bin", "find-java").toAbsolutePath().normalize();

  @Test
  void findsJavaHomeWhenHomeIsUnset() throws Exception {
    assertThat(SCRIPT).isExecutable();
    String javaHome = System.getProperty("java.home");
    ProcessBuilder pb =
        new ProcessBuilder("env", "-u", "HOME", "JAVA_HOME=" + javaHome, SCRIPT.toString());
    pb.redirectErrorStream(true);

    Result r = run(pb);

    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output.strip()).isEqualTo(javaHome);
  }

  private record Result(int code, String output) {}

  private static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bin/find-java finished").isTrue();
    return new Result(p.exitValue(), output);
  }
}
