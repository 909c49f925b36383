package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How secrets reach the builder in {@link ImageBuild}: read-only mounts of a private work directory
 * that is deleted afterwards, never committed, and a work directory inside the build context is
 * refused when there are secrets (or, incremental, saved artifacts) to write.
 */
class ImageBuildSecretsTest extends ImageBuildFixture {
  @Test
  void contentBelowASecretMountIsNeverCommitted() {
    engine.diffs.put("/tmp/scripts/assemble", List.of("A /tmp/github", "A /tmp/github/token"));

    assertThatThrownBy(() -> build(options()))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining(
            "assemble left /tmp/github/token in the container, below the secret mount /tmp/github");
    assertThat(engine.calls("commit")).isEmpty();
    assertThat(engine.containers).isEmpty();
  }

  @Test
  void secretsReachTheBuilderOnlyAsReadOnlyMountsOfAPrivateDirectoryDeletedAfterwards() {
    List<String> seen = new ArrayList<>();
    engine.duringRun =
        spec -> {
          for (Mount m : spec.mounts()) {
            try (var files = Files.list(m.source())) {
              files.forEach(
                  f -> {
                    try {
                      seen.add(
                          m.target() + "/" + f.getFileName() + "=" + Files.readString(f).strip());
                    } catch (IOException e) {
                      throw new AssertionError(e);
                    }
                  });
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }
        };

    build(options());

    ContainerSpec builder = spec(containerOf(names.builderCache()));
    assertThat(builder.mounts())
        .extracting(Mount::target)
        .containsExactly("/tmp/github", "/root/.ssh");
    assertThat(builder.mounts()).allMatch(Mount::readOnly);
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "/tmp/github/username=bot",
            "/tmp/github/token=" + TOKEN,
            "/root/.ssh/id_ed25519=PRIVATE-KEY-BYTES");
    for (ContainerSpec spec : engine.created) {
      assertThat(String.join(" ", EngineCommands.create(spec)))
          .doesNotContain(TOKEN, "PRIVATE-KEY-BYTES");
    }
    assertThat(engine.created).filteredOn(s -> s != builder).allMatch(s -> s.mounts().isEmpty());
    assertThat(work).isEmptyDirectory();
    assertThat(progress).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void aWorkDirInsideTheContextIsRefusedBeforeAnySecretIsWritten() {
    Path inside = project.resolve(".kubeherd");

    assertThatThrownBy(() -> build(options().workDir(inside)))
        .isInstanceOfSatisfying(
            WorkDirInContextException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(1);
              assertThat(e.getMessage())
                  .contains("--work-dir " + inside + " is inside the build context " + project)
                  .contains("choose a --work-dir outside the context");
            });
    assertThat(inside).doesNotExist();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void withoutSecretsAWorkDirInsideTheContextIsAllowed() {
    Path inside = project.resolve(".tmp");

    ImageBuildReport report =
        new ImageBuild(engine, engine, Clock.fixed(NOW, ZoneOffset.UTC), progress::add)
            .run(options().sshDir(null).workDir(inside).build(), Optional.empty());

    assertThat(report.names().finalImage()).isEqualTo(names.finalImage());
    assertThat(engine.calls)
        .contains("start " + containerOf(names.builderCache()) + " (/tmp/scripts/assemble)");
  }

  @Test
  void anIncrementalBuildWithoutSecretsRefusesAWorkDirInsideTheContext() {
    Path inside = project.resolve(".tmp");

    assertThatThrownBy(
            () ->
                new ImageBuild(engine, engine, Clock.fixed(NOW, ZoneOffset.UTC), progress::add)
                    .run(
                        options().sshDir(null).incremental(true).workDir(inside).build(),
                        Optional.empty()))
        .isInstanceOfSatisfying(
            WorkDirInContextException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("--work-dir " + inside + " is inside the build context " + project)
                    .contains("the previous build's saved artifacts (--incremental)"));
    assertThat(inside).doesNotExist();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void withOnlyGithubCredentialsAWorkDirInsideTheContextIsRefused() {
    Path inside = project.resolve(".tmp");

    assertThatThrownBy(() -> build(options().sshDir(null).workDir(inside)))
        .isInstanceOf(WorkDirInContextException.class);
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void aWorkDirReachingIntoTheContextThroughALinkIsRefused() throws IOException {
    Path inside = Files.createDirectories(project.resolve("tmp"));
    Path link = Files.createSymbolicLink(tmp.resolve("work-link"), inside);

    assertThatThrownBy(() -> build(options().workDir(link.resolve("run"))))
        .isInstanceOf(WorkDirInContextException.class);
    assertThat(inside).isEmptyDirectory();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void aCopyOfTheSecretsDirectoryInTheBuildersChangesIsNeverCommitted() {
    engine.duringRun =
        spec -> {
          if (!spec.mounts().isEmpty()) {
            Path secretsDir = spec.mounts().getFirst().source().getParent();
            engine.diffs.put(
                "/tmp/scripts/assemble",
                List.of("A /tmp/src/cache/run/" + secretsDir.getFileName() + "/github/token"));
          }
        };

    assertThatThrownBy(() -> build(options()))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("a copy of the build's secrets directory; refusing to commit it");
    assertThat(engine.calls("commit")).isEmpty();
    assertThat(engine.containers).isEmpty();
    assertThat(work).isEmptyDirectory();
  }
}
