package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brig run --runtime podman} against real podman and the local test base image. */
class ContainerRuntimeIT {
  @TempDir Path dir;
  CliHarness cli;
  String image;

  @BeforeEach
  void setUp() {
    image = System.getenv("KUBEHERD_TEST_BASE_IMAGE");
    assertThat(image)
        .as(
            "KUBEHERD_TEST_BASE_IMAGE is not set: run the tests with bin/test, which prepares podman"
                + " and exports it")
        .isNotBlank();
    cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.project("acme/app", "github.com/acme/app");
  }

  @Test
  void jobsRunInTheirImageWithSharedStorage() throws Exception {
    Path script = dir.resolve("brigade.js");
    Files.writeString(
        script,
        """
        const { events, Job } = require("brigadier");
        events.on("exec", async () => {
          const w = new Job("writer", "%1$s", ["echo from-container > /mnt/brigade/share/f"]);
          w.storage.enabled = true;
          await w.run();
          const r = new Job("reader", "%1$s", ["cat /mnt/brigade/share/f", "cat /etc/passwd | head -1"]);
          r.storage.enabled = true;
          console.log("reader:", String(await r.run()).split("\\n").join(" "));
        });
        """
            .formatted(image));
    var run =
        cli.brig(
            "run", "acme/app", "-f", script.toString(), "--runtime", "podman", "--no-progress");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("reader: from-container root:x:0:0:root:/root:/bin/sh");
  }
}
