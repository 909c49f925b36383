package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A small app laid out as {@code kubeherd build dockerimage} expects, on a busybox base: the
 * builder installs "dependencies" ({@code deps.txt}) into {@code /deps} and counts its runs there
 * (so a cached chain shows as a growing count), the runtime {@code assemble} packs the app and the
 * dependencies into {@code /root/src/app.tar.gz}, {@code assemble-runtime} unpacks it into {@code
 * /app}, and {@code run} prints what the image holds. The builder reports (never prints) the
 * secrets it was given.
 */
final class TestProject {
  static final String BUILDER_ASSEMBLE =
      """
      #!/bin/sh
      set -e
      echo "builder assemble: deps $(cat /tmp/src/deps.txt)"
      if test -e /tmp/src/.git; then echo "the builder got the checkout's .git"; fi
      if test -s /tmp/github/token; then echo "github token for $(cat /tmp/github/username) mounted"; fi
      if test -s /root/.ssh/id_ed25519; then echo "ssh key mounted"; fi
      mkdir -p /deps
      if test -d /tmp/artifacts; then cp -r /tmp/artifacts/. /deps/; echo "restored artifacts"; fi
      cp /tmp/src/deps.txt /deps/deps.txt
      n=$(cat /deps/count 2>/dev/null || echo 0)
      echo $((n + 1)) > /deps/count
      echo "builder run number $((n + 1))"
      rm -rf /tmp/src
      """;

  static final String SAVE_ARTIFACTS =
      """
      #!/bin/sh
      set -e
      echo "saving /deps" >&2
      cd /deps && tar -cf - .
      """;

  static final String FAILING_ASSEMBLE =
      """
      #!/bin/sh
      echo "compiling native extensions"
      echo "fatal: gem nokogiri failed to build" >&2
      exit 3
      """;

  /** Stores the mounted token in git's credential store file: a secret in an ordinary file. */
  static final String LEAKING_ASSEMBLE =
      """
      #!/bin/sh
      set -e
      echo "https://$(cat /tmp/github/username):$(cat /tmp/github/token)@github.com" > /root/.git-credentials
      echo "stored the github credentials in /root/.git-credentials"
      """;

  static final String RUNTIME_ASSEMBLE =
      """
      #!/bin/sh
      set -e
      if test -e /tmp/src/.git; then echo "the runtime assemble got the checkout's .git"; fi
      rm -rf /root/src && mkdir -p /root/src/build
      cp -r /tmp/src/app /root/src/build/app
      cp /deps/deps.txt /deps/count /root/src/build/
      cd /root/src/build && tar -czf /root/src/app.tar.gz .
      echo "runtime assemble: packed $(ls /root/src/build | tr '\\n' ' ')"
      """;

  static final String ASSEMBLE_RUNTIME =
      """
      #!/bin/sh
      set -e
      rm -rf /tmp/app && mkdir -p /tmp/app
      tar -xzf app.tar.gz -C /tmp/app
      rm -rf /app/* && cp -r /tmp/app/. /app/ && rm -rf /tmp/app
      echo "assemble-runtime: /app holds $(ls /app | tr '\\n' ' ')"
      """;

  static final String RUN =
      """
      #!/bin/sh
      echo "app $(cat /app/app/main.txt), deps $(cat /app/deps.txt), builder runs $(cat /app/count)"
      """;

  private TestProject() {}

  /** Writes the app into {@code dir} with Dockerfiles starting from {@code baseImage}. */
  static Path write(Path dir, String baseImage, String deps) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/main.txt"), "hello\n");
    Files.writeString(dir.resolve("deps.txt"), deps + "\n");
    Files.createDirectories(dir.resolve("deploy"));
    Files.writeString(
        dir.resolve("deploy/Dockerfile.builder"),
        "FROM " + baseImage + "\nRUN mkdir -p /deps /root/src\n");
    Files.writeString(
        dir.resolve("deploy/Dockerfile.runtime"),
        "FROM " + baseImage + "\nRUN mkdir -p /app\nWORKDIR /app\n");
    script(dir.resolve("deploy/s2i/builder/assemble"), BUILDER_ASSEMBLE);
    script(dir.resolve("deploy/s2i/builder/save-artifacts"), SAVE_ARTIFACTS);
    script(dir.resolve("deploy/s2i/runtime/assemble"), RUNTIME_ASSEMBLE);
    script(dir.resolve("deploy/s2i/runtime/assemble-runtime"), ASSEMBLE_RUNTIME);
    script(dir.resolve("deploy/s2i/runtime/run"), RUN);
    script(dir.resolve("failing/assemble"), FAILING_ASSEMBLE);
    script(dir.resolve("leaking/assemble"), LEAKING_ASSEMBLE);
    return dir;
  }

  static void script(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
