package dev.kubeherd.toolkit.ami;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recording stand-in for {@code packer}: a shell script that writes its argv (one per line) to a
 * file, prints packer-like lines and writes a manifest to the {@code manifest_path} variable — or
 * prints an error and exits 1.
 */
final class FakePacker {
  static final String LAST_RUN = "2f0e9d3c-8b7a-4c5d-9e6f-last-run";
  private final Path script;
  private final Path argv;

  private FakePacker(Path script, Path argv) {
    this.script = script;
    this.argv = argv;
  }

  /**
   * Succeeds, writing a manifest whose last run built {@code artifactId} ({@code region:ami,…}).
   */
  static FakePacker succeeding(Path dir, String artifactId) throws IOException {
    String manifest =
        """
        {
          "builds": [
            {
              "name": "flatcar",
              "builder_type": "amazon-ebs",
              "build_time": 1767000000,
              "files": null,
              "artifact_id": "eu-west-1:ami-0ffffffffffffffff",
              "packer_run_uuid": "0b1c2d3e-older-run",
              "custom_data": {"flatcar_channel": "stable"}
            },
            {
              "name": "flatcar",
              "builder_type": "amazon-ebs",
              "build_time": 1767600000,
              "files": null,
              "artifact_id": "%s",
              "packer_run_uuid": "%s",
              "custom_data": {"flatcar_channel": "stable"}
            }
          ],
          "last_run_uuid": "%s"
        }
        """
            .formatted(artifactId, LAST_RUN, LAST_RUN);
    return write(
        dir,
        """
        m=""
        for a in "$@"; do case "$a" in manifest_path=*) m="${a#manifest_path=}";; esac; done
        echo "amazon-ebs.flatcar: output will be in this color."
        echo "==> amazon-ebs.flatcar: Launching a source AWS instance..."
        echo "==> amazon-ebs.flatcar: Creating AMI from instance i-0abcdef1234567890"
        cat > "$m" <<'JSON'
        %s
        JSON
        echo "Build 'amazon-ebs.flatcar' finished after 9 minutes 12 seconds."
        """
            .formatted(manifest.strip()));
  }

  /** Fails like packer does when the build instance cannot start. */
  static FakePacker failing(Path dir) throws IOException {
    return write(
        dir,
        """
        echo "==> amazon-ebs.flatcar: Launching a source AWS instance..."
        echo "==> amazon-ebs.flatcar: Error launching source instance: UnauthorizedOperation: You are not authorized to perform this operation."
        echo "Build 'amazon-ebs.flatcar' errored after 3 seconds: Error launching source instance" >&2
        exit 1
        """);
  }

  private static FakePacker write(Path dir, String body) throws IOException {
    Path argv = dir.resolve("packer-argv.txt");
    Path script = dir.resolve("packer");
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + argv + "'\n" + body);
    script.toFile().setExecutable(true);
    return new FakePacker(script, argv);
  }

  String path() {
    return script.toString();
  }

  /** The arguments of the last run. */
  List<String> argv() throws IOException {
    return Files.readAllLines(argv);
  }

  boolean ran() {
    return Files.exists(argv);
  }

  /** The {@code -var name=value} pairs of the last run. */
  Map<String, String> vars() throws IOException {
    List<String> args = argv();
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < args.size() - 1; i++) {
      if (args.get(i).equals("-var")) {
        String kv = args.get(i + 1);
        vars.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return vars;
  }
}
