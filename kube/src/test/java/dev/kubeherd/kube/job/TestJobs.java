package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobPodOptions;
import dev.kubeherd.core.model.JobPodOptions.Cache;
import dev.kubeherd.core.model.JobPodOptions.Host;
import dev.kubeherd.core.model.JobPodOptions.Resources;
import dev.kubeherd.core.model.JobPodOptions.Storage;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.Project;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for job specs, projects and contexts as the golden fixtures expect them. */
final class TestJobs {
  static final String BUILD = "01ckcc06200kqdvkdp3nc65bap";
  static final String WORKER = "brigade-worker-" + BUILD;
  static final String PROJECT_ID = "brigade-4625c4b0d8e3bc4bd5c3de32cbb2e6fb3c6b4b4dc0e1e0d7e3a7f8";
  static final String NAMESPACE = "brigade";
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

  private TestJobs() {}

  static Map<String, String> projectData() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("repository", "github.com/org/repo");
    d.put("cloneURL", "https://github.com/org/repo.git");
    return d;
  }

  static Project project(Map<String, String> data) {
    return new Project(PROJECT_ID, "org/repo", NAMESPACE, data);
  }

  static JobPodContext context(Project project) {
    return context(project, BUILD);
  }

  static JobPodContext context(Project project, String build) {
    return new JobPodContext(
        project,
        build,
        "brigade-worker-" + build,
        NAMESPACE,
        "abc123",
        "refs/heads/main",
        "github",
        "push",
        "",
        "info",
        "",
        "",
        "");
  }

  static JobPodFactory factory(Map<String, String> projectData) {
    return new JobPodFactory(context(project(projectData)), CLOCK);
  }

  static Job job(String name) {
    return new Job(name);
  }

  /** A mutable stand-in for a brigadier Job as JobSpecReader would read it. */
  static final class Job {
    String name;
    String build = BUILD;
    String image = "alpine:3";
    boolean forcePull;
    String shell = "/bin/sh";
    List<String> tasks = new ArrayList<>();
    List<String> args = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    String mountPath = "/src";
    Duration timeout = Duration.ofMillis(900_000);
    boolean privileged;
    boolean useSource = true;
    String serviceAccount = "";
    Resources requests = Resources.NONE;
    Resources limits = Resources.NONE;
    Host host = Host.ANY;
    Cache cache = Cache.DISABLED;
    Storage storage = Storage.DISABLED;
    boolean docker;
    Map<String, String> annotations = new LinkedHashMap<>();
    List<String> pullSecrets = new ArrayList<>();
    Map<String, String> refs = new LinkedHashMap<>();
    List<String> volumes = new ArrayList<>();
    List<String> mounts = new ArrayList<>();
    boolean streamLogs;

    Job(String name) {
      this.name = name;
    }

    Job tasks(String... t) {
      tasks = List.of(t);
      return this;
    }

    Job env(String k, String v) {
      env.put(k, v);
      return this;
    }

    Job ref(String k, String json) {
      refs.put(k, json);
      return this;
    }

    Job with(java.util.function.Consumer<Job> change) {
      change.accept(this);
      return this;
    }

    JobSpec spec() {
      return new JobSpec(
          build,
          PROJECT_ID,
          name,
          image,
          forcePull,
          shell,
          tasks,
          args,
          env,
          mountPath,
          timeout,
          privileged,
          List.of(),
          new JobPodOptions(
              useSource,
              serviceAccount,
              requests,
              limits,
              host,
              cache,
              storage,
              docker,
              annotations,
              pullSecrets,
              streamLogs,
              refs,
              volumes,
              mounts));
    }
  }
}
