package dev.kubeherd.testsupport.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Recording stand-ins for helmfile, sops and kubectl that keep every call: call N writes {@code
 * call-N/argv} (one argument per line), {@code call-N/cwd}, {@code call-N/env} and, for helmfile,
 * {@code call-N/secrets} (mode and SHA-256 of each {@code *.secrets.yaml} it could read, never the
 * content) and {@code call-N/values} (whether {@code $APP_VALUES_DIR/brigade.values.yaml} existed).
 */
public final class SyncStandIns {
  /** Where the stand-ins and their call records live. */
  public final Path bin;

  public SyncStandIns(Path bin) throws Exception {
    this.bin = Files.createDirectories(bin);
  }

  /** {@code name} records its call, then runs {@code body}. */
  public SyncStandIns add(String name, String body) throws Exception {
    Path script = bin.resolve(name);
    Files.writeString(
        script,
        """
        #!/bin/sh
        d="$(dirname "$0")"
        n=$(ls -d "$d"/call-* 2>/dev/null | wc -l)
        c="$d/call-$n"
        mkdir "$c"
        echo "%s" > "$c/tool"
        printf '%%s\\n' "$@" > "$c/argv"
        pwd -P > "$c/cwd"
        env > "$c/env"
        for f in *.secrets.yaml; do
          [ -f "$f" ] && echo "$f $(stat -c %%a "$f") $(sha256sum < "$f" | cut -d' ' -f1)" >> "$c/secrets"
        done
        if [ -n "${APP_VALUES_DIR:-}" ] && [ -f "$APP_VALUES_DIR/brigade.values.yaml" ]; then
          echo present > "$c/values"
        fi
        %s
        """
            .formatted(name, body));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  /** The stand-ins first, then the system's tools. */
  public String path() {
    return bin + ":/usr/bin:/bin";
  }

  /** Every call in order. */
  public List<Call> calls() throws Exception {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; Files.isDirectory(bin.resolve("call-" + i)); i++) {
      calls.add(new Call(bin.resolve("call-" + i)));
    }
    return calls;
  }

  /** One recorded call. */
  public record Call(Path dir) {
    public String tool() throws Exception {
      return Files.readString(dir.resolve("tool")).strip();
    }

    public List<String> argv() throws Exception {
      return Files.readAllLines(dir.resolve("argv"));
    }

    public Path cwd() throws Exception {
      return Path.of(Files.readString(dir.resolve("cwd")).strip());
    }

    public Map<String, String> env() throws Exception {
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : Files.readAllLines(dir.resolve("env"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return env;
    }

    public List<String> secrets() throws Exception {
      Path file = dir.resolve("secrets");
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    public boolean sawAppValues() {
      return Files.exists(dir.resolve("values"));
    }

    /** {@code helmfile --file helmfile sync} in {@code cluster-infra}, for messages. */
    public String describe() throws Exception {
      return tool() + " " + String.join(" ", argv()) + " (in " + cwd().getFileName() + ")";
    }

    /** Everything recorded, as text, to look for leaked secrets. */
    public String text() throws Exception {
      StringBuilder all = new StringBuilder();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          all.append(Files.readString(f));
        }
      }
      return all.toString();
    }
  }
}
