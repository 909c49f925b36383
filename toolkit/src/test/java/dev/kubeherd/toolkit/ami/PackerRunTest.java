package dev.kubeherd.toolkit.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerRunTest {
  @TempDir Path dir;

  @Test
  void varsComeAfterTheVarFileSoTheResolvedValuesWin() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("channel", "beta");
    vars.put("ami_regions", "[\"us-east-1\"]");

    List<String> command =
        new PackerRun("/opt/packer", l -> {})
            .command(
                Path.of("/t/flatcar.pkr.hcl"), Optional.of(Path.of("/v/site.pkrvars.hcl")), vars);

    assertThat(command)
        .containsExactly(
            "/opt/packer",
            "build",
            "-color=false",
            "-var-file=/v/site.pkrvars.hcl",
            "-var",
            "channel=beta",
            "-var",
            "ami_regions=[\"us-east-1\"]",
            "/t/flatcar.pkr.hcl");
  }

  @Test
  void aPackerThatCannotStartIsAPackerFailureNamingTheFlag() {
    PackerFailedException e =
        catchThrowableOfType(
            PackerFailedException.class,
            () ->
                new PackerRun(dir.resolve("no-packer").toString(), l -> {})
                    .build(dir.resolve("t.pkr.hcl"), Optional.empty(), Map.of()));

    assertThat(e.exitCode()).isEqualTo(4);
    assertThat(e.getMessage()).contains("could not run packer").contains("--packer PATH");
  }

  @Test
  void outputIsStreamedLineByLine() throws Exception {
    FakePacker packer = FakePacker.succeeding(dir, "eu-west-1:ami-0abc");
    List<String> lines = new ArrayList<>();

    new PackerRun(packer.path(), lines::add)
        .build(
            dir.resolve("t.pkr.hcl"),
            Optional.empty(),
            Map.of("manifest_path", dir.resolve("m.json").toString()));

    assertThat(lines)
        .contains("==> amazon-ebs.flatcar: Launching a source AWS instance...")
        .last()
        .asString()
        .startsWith("Build 'amazon-ebs.flatcar' finished");
  }

  @Test
  void aBuildPastItsTimeoutIsStoppedWithSigtermSoPackerCleansUpInAws() throws Exception {
    Path cleaned = dir.resolve("cleaned");
    Path packer =
        script(
            "trap 'echo \"Cleaning up any extra volumes...\"; touch "
                + cleaned
                + "; exit 1' TERM\n"
                + "echo \"==> amazon-ebs.flatcar: Waiting for the instance...\"\n"
                + "while true; do sleep 0.1; done\n");

    PackerFailedException e =
        catchThrowableOfType(
            PackerFailedException.class,
            () ->
                new PackerRun(
                        packer.toString(), l -> {}, Duration.ofMillis(500), Duration.ofSeconds(20))
                    .build(dir.resolve("t.pkr.hcl"), Optional.empty(), Map.of()));

    assertThat(e.getMessage()).contains("did not finish within").contains("--packer-timeout");
    assertThat(cleaned).as("packer ran its SIGTERM clean-up").exists();
    assertThat(e.getMessage()).contains("Cleaning up any extra volumes...");
  }

  @Test
  void aPackerThatIgnoresSigtermIsKilledAfterTheGraceAndTheRunDoesNotHang() throws Exception {
    Path pidFile = dir.resolve("pid");
    Path packer =
        script("trap '' TERM\necho $$ > " + pidFile + "\nwhile true; do sleep 0.1; done\n");
    long start = System.nanoTime();

    catchThrowableOfType(
        PackerFailedException.class,
        () ->
            new PackerRun(
                    packer.toString(), l -> {}, Duration.ofMillis(500), Duration.ofMillis(300))
                .build(dir.resolve("t.pkr.hcl"), Optional.empty(), Map.of()));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  private Path script(String body) throws Exception {
    Path script = dir.resolve("packer");
    Files.writeString(script, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
