package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.Ulid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test-data builder for {@link JobSpec}s with sensible defaults and a fresh build id. */
final class Jobs {
  private static final Ulid IDS = Ulid.systemUtc();

  private String name;
  private String image = "";
  private String shell = "/bin/sh";
  private final List<String> tasks = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private Duration timeout = Duration.ofSeconds(60);
  private final List<JobSpec.Mount> mounts = new ArrayList<>();

  private Jobs(String name) {
    this.name = name;
  }

  static Jobs job(String name) {
    return new Jobs(name);
  }

  Jobs image(String value) {
    image = value;
    return this;
  }

  Jobs shell(String value) {
    shell = value;
    return this;
  }

  Jobs tasks(String... values) {
    tasks.addAll(List.of(values));
    return this;
  }

  Jobs args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  Jobs env(String key, String value) {
    env.put(key, value);
    return this;
  }

  Jobs timeout(Duration value) {
    timeout = value;
    return this;
  }

  Jobs mount(Path hostDir, String path) {
    mounts.add(new JobSpec.Mount(hostDir, path));
    return this;
  }

  JobSpec build() {
    return new JobSpec(
        IDS.next(),
        "brigade-test",
        name,
        image,
        false,
        shell,
        tasks,
        args,
        env,
        "/src",
        timeout,
        false,
        mounts);
  }
}
