package dev.kubeherd.core.local.exec;

import static dev.kubeherd.core.local.exec.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.JobSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerCommandTest {

  @Test
  void runsMainShFromTheHookWithMountsAndTheSourceAsWorkingDirectory() {
    JobSpec spec =
        job("build")
            .image("alpine:3")
            .shell("/bin/bash")
            .tasks("make")
            .args("fast")
            .mount(Path.of("/work/src"), "/src")
            .mount(Path.of("/work/share"), "/mnt/brigade/share/")
            .build();
    List<String> command =
        ContainerCommand.run(
            "podman", spec, Optional.of(Path.of("/work/hook")), Optional.empty(), List.of());
    assertThat(command)
        .containsExactly(
            "podman",
            "run",
            "--rm",
            "--name",
            spec.podName(),
            "-v",
            "/work/hook:/hook:ro",
            "-v",
            "/work/src:/src",
            "-v",
            "/work/share:/mnt/brigade/share",
            "-w",
            "/src",
            "alpine:3",
            "/bin/bash",
            "/hook/main.sh",
            "fast");
  }

  @Test
  void runsTheImageEntrypointWithArgsWhenThereAreNoTasks() {
    JobSpec spec = job("entry").image("busybox").args("echo", "hi").build();
    assertThat(ContainerCommand.run("docker", spec, Optional.empty(), Optional.empty(), List.of()))
        .containsExactly(
            "docker", "run", "--rm", "--name", spec.podName(), "busybox", "echo", "hi");
  }

  @Test
  void passesEnvironmentOnlyByFileAndName() {
    JobSpec spec = job("env").image("busybox").env("TOKEN", "s3cret").tasks("true").build();
    List<String> command =
        ContainerCommand.run(
            "podman",
            spec,
            Optional.of(Path.of("/w/hook")),
            Optional.of(Path.of("/w/env")),
            List.of("SSH_KEY"));
    assertThat(command)
        .containsSubsequence("--env-file", "/w/env", "-e", "SSH_KEY", "busybox")
        .noneMatch(arg -> arg.contains("s3cret"));
  }

  @Test
  void forcesPullAndPrivilegeWhenAsked() {
    JobSpec plain = job("p").image("busybox").tasks("true").build();
    JobSpec spec =
        new JobSpec(
            plain.buildId(),
            plain.projectId(),
            "p",
            "busybox",
            true,
            "/bin/sh",
            plain.tasks(),
            List.of(),
            plain.env(),
            "/src",
            plain.timeout(),
            true,
            List.of());
    assertThat(ContainerCommand.run("podman", spec, Optional.empty(), Optional.empty(), List.of()))
        .containsSubsequence("run", "--pull=always", "--privileged", "busybox");
  }

  @Test
  void rejectsAHostDirectoryWithAColon() {
    JobSpec spec = job("c").image("busybox").mount(Path.of("/w/a:b"), "/src").build();
    assertThatThrownBy(
            () ->
                ContainerCommand.run("podman", spec, Optional.empty(), Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot mount /w/a:b at /src");
  }
}
