package dev.kubeherd.toolkit.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Flatcar template (packer/flatcar.pkr.hcl) against the real {@code packer} (Debian's
 * 1.6.6 in CI; {@code bin/test} installs it): it validates for the defaults and for a pinned arm64
 * LTS build with copies, looks for the source image by Flatcar's name for the architecture (read
 * with {@code packer console}), refuses a bad variable with its message, is formatted, and its
 * provisioning scripts parse and do what the AMI needs (updaters masked, first-boot state reset).
 */
class FlatcarTemplateIT {
  private static final Path PACKER_DIR =
      Path.of(System.getProperty("kubeherd.packerDir", "../packer")).toAbsolutePath().normalize();
  private static final Path TEMPLATE = PACKER_DIR.resolve("flatcar.pkr.hcl");

  record Run(int exit, String output) {}

  @BeforeAll
  static void packerIsInstalled() throws Exception {
    Run version;
    try {
      version = run("packer", "version");
    } catch (IOException e) {
      throw new AssertionError(
          "packer is not installed: install it (Debian: apt-get install packer; bin/test does"
              + " this) and run the tests again",
          e);
    }
    assertThat(version.output()).startsWith("Packer v");
  }

  private static Run run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(PACKER_DIR.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("packer finished").isTrue();
    return new Run(process.exitValue(), output);
  }

  private static Run validate(String... vars) throws Exception {
    List<String> command = new ArrayList<>(List.of("packer", "validate"));
    for (String var : vars) {
      command.add("-var");
      command.add(var);
    }
    command.add(TEMPLATE.toString());
    return run(command.toArray(String[]::new));
  }

  @Test
  void templateValidatesWithItsDefaults() throws Exception {
    Run result = validate();

    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void templateValidatesForAPinnedArm64LtsBuildCopiedToAnotherRegion() throws Exception {
    Run result =
        validate(
            "arch=arm64",
            "channel=lts",
            "flatcar_version=4081.3.6",
            "instance_type=t4g.small",
            "region=us-east-2",
            "ami_regions=[\"us-east-1\",\"eu-central-1\"]",
            "source_ami=ami-0123456789abcdef0",
            "git_sha=3f2c1d0",
            "prepull_images=[\"registry.k8s.io/pause:3.10\",\"ghcr.io/acme/agent:1.2\"]");

    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void theVariablesBuildAmiPassesValidateOnTheTemplateExtractedFromTheJar(@TempDir Path dir)
      throws Exception {
    Path template = BundledTemplate.extractTo(dir.resolve("packer"));
    AmiBuildOptions options =
        AmiBuildOptions.builder()
            .region("eu-west-1")
            .region("us-east-1")
            .region("ap-southeast-2")
            .arch(AmiArch.ARM64)
            .subnetId("subnet-0a1b2c3d")
            .gitSha("3f2c1d0")
            .build();
    FlatcarImage source =
        new FlatcarImage(
            "ami-0fc1a7e4f1a2b3c4d",
            "Flatcar-stable-4152.2.3-arm64-hvm",
            "4152.2.3",
            java.time.Instant.EPOCH,
            "eu-west-1");
    List<String> command =
        new PackerRun("packer", l -> {})
            .command(
                template,
                java.util.Optional.empty(),
                PackerVariables.of(options, source, dir.resolve("manifest.json")));
    command.set(1, "validate");
    command.remove("-color=false");

    Run result = run(command.toArray(String[]::new));

    assertThat(result.exit()).as(String.join(" ", command) + "\n" + result.output()).isZero();
  }

  @Test
  void sourceFilterLooksForFlatcarsArm64NamesOnArm64AndPlainNamesOnX86() throws Exception {
    assertThat(Files.readString(TEMPLATE))
        .as("the source_ami_filter's name is local.flatcar_name")
        .containsPattern("filters = \\{\\s*name\\s*=\\s*local\\.flatcar_name\\s");

    assertThat(console("local.flatcar_name", "arch=arm64")).isEqualTo("Flatcar-stable-*-arm64-hvm");
    assertThat(
            console("local.flatcar_name", "arch=arm64", "channel=lts", "flatcar_version=4081.3.6"))
        .isEqualTo("Flatcar-lts-4081.3.6-arm64-hvm");
    assertThat(console("local.flatcar_name")).isEqualTo("Flatcar-stable-*-hvm");
    assertThat(console("local.flatcar_name", "flatcar_version=4152.2.3"))
        .isEqualTo("Flatcar-stable-4152.2.3-hvm");
  }

  /** What {@code packer console} prints for {@code expression} with these variables. */
  private static String console(String expression, String... vars) throws Exception {
    List<String> command = new ArrayList<>(List.of("packer", "console"));
    for (String var : vars) {
      command.add("-var");
      command.add(var);
    }
    command.add(TEMPLATE.toString());
    Process process =
        new ProcessBuilder(command)
            .directory(PACKER_DIR.toFile())
            .redirectErrorStream(true)
            .start();
    try (var in = process.getOutputStream()) {
      in.write((expression + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("packer console finished").isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output.strip();
  }

  @Test
  void unknownArchitectureIsRefusedWithTheVariablesMessage() throws Exception {
    Run result = validate("arch=sparc");

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("The arch variable must be x86_64 or arm64.");
  }

  @Test
  void unknownChannelIsRefused() throws Exception {
    Run result = validate("channel=nightly");

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("stable, beta, alpha or lts");
  }

  @Test
  void templateIsFormatted() throws Exception {
    Run result = run("packer", "fmt", "-check", TEMPLATE.toString());

    assertThat(result.exit()).as("packer fmt -check: " + result.output()).isZero();
  }

  @Test
  void provisioningScriptsParse() throws Exception {
    List<Path> scripts;
    try (Stream<Path> files = Files.list(PACKER_DIR.resolve("scripts"))) {
      scripts = files.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
    }
    assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
    for (Path script : scripts) {
      Run syntax = run("sh", "-n", script.toString());
      assertThat(syntax.exit()).as(script + ": " + syntax.output()).isZero();
      assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
    }
  }

  @Test
  void updatersAreMaskedAndFirstBootStateIsResetLast() throws Exception {
    String template = Files.readString(TEMPLATE);
    String units = Files.readString(PACKER_DIR.resolve("scripts/20-units.sh"));
    String reset = Files.readString(PACKER_DIR.resolve("scripts/90-reset-first-boot.sh"));

    assertThat(units).contains("systemctl mask update-engine.service locksmithd.service");
    assertThat(reset)
        .contains("touch /boot/flatcar/first_boot")
        .contains("rm -f /etc/machine-id")
        .contains("rm -f /etc/ssh/ssh_host_*");
    List<String> scriptOrder =
        template.lines().filter(l -> l.contains("/scripts/")).map(String::strip).toList();
    assertThat(scriptOrder.getLast()).contains("90-reset-first-boot.sh");
    assertThat(template).contains("post-processor \"manifest\"").contains("encrypt_boot    = true");
  }
}
