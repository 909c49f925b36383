package dev.kubeherd.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
  @TempDir Path home;

  @Test
  void printsCompleteLinesWhileWrittenAndDrainsTheRestAtTheEnd() throws Exception {
    LocalHome local = new LocalHome(home);
    String id =
        new DirectoryBuildStore(local, Clock.systemUTC())
            .create(BuildRequest.of("brigade-x", "exec", "test"))
            .id();
    LogStore logs = new DirectoryLogStore(local);
    List<String> lines = new ArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              try (LogSink sink = logs.open(id, LogStore.WORKER)) {
                sink.write("one\ntw");
                sleep();
                sink.write("o\nthree\nno newline at the end");
              }
              done.set(true);
            });

    writer.start();
    new LogFollower(logs, id, LogStore.WORKER, lines::add).follow(done::get);
    writer.join();

    assertThat(lines).containsExactly("one", "two", "three", "no newline at the end");
  }

  private static void sleep() {
    try {
      Thread.sleep(120);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
