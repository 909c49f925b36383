package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CliEngine#export}: the client's stdout reaches the reader as it comes, what the reader
 * leaves is drained, and a failing client or reader fails with a message saying which.
 */
class ImageEngineExportTest {
  @TempDir Path tmp;

  @Test
  void theExportStreamReachesTheReaderAndTheClientGetsTheContainerName() throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/deps"));
    Files.writeString(rootfs.resolve("count"), "1\n");
    Path tar = tmp.resolve("export.tar");
    Files.write(tar, TarFixture.of(rootfs.getParent(), "gnu"));
    CliEngine engine = client("echo \"$*\" > \"$(dirname \"$0\")/args\"\ncat " + tar + "\n");
    List<String> paths = new ArrayList<>();

    engine.export(
        "kubeherd-app-1-builder",
        in -> {
          TarArchiveInputStream t = new TarArchiveInputStream(in);
          for (var e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
            paths.add(LayerScan.normalize(e.getName()));
          }
        });

    assertThat(paths).containsExactly("", "deps", "deps/count");
    assertThat(Files.readString(tmp.resolve("bin/args")).strip())
        .isEqualTo("export kubeherd-app-1-builder");
  }

  @Test
  void aReaderThatStopsEarlyLetsTheClientEnd() throws Exception {
    CliEngine engine = client("head -c 3000000 /dev/zero\n");
    AtomicInteger read = new AtomicInteger();

    assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> engine.export("c", in -> read.set(in.readNBytes(10).length)));

    assertThat(read).hasValue(10);
  }

  @Test
  void aFailingClientFailsWithItsExitCodeAndError() throws Exception {
    CliEngine engine =
        client("echo 'Error: no container with name or ID \"c\" found' >&2\nexit 125\n");

    assertThatThrownBy(() -> engine.export("c", in -> in.readAllBytes()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("exporting the file system of c failed")
        .hasMessageContaining("exit code 125")
        .hasMessageContaining("no container with name or ID");
  }

  @Test
  void aReaderThatFailsOnAGoodStreamFailsTheExport() throws Exception {
    CliEngine engine = client("echo 'not a tar'\n");

    assertThatThrownBy(
            () ->
                engine.export(
                    "c",
                    in -> {
                      throw new IOException("not a tar stream: a header's checksum does not match");
                    }))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("reading the output of docker export failed")
        .hasMessageContaining("not a tar stream");
  }

  private CliEngine client(String body) throws IOException {
    Path client = tmp.resolve("bin/docker");
    TestProject.script(client, "#!/bin/sh\n" + body);
    return new CliEngine(client, Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(30));
  }
}
