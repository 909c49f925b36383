package dev.kubeherd.worker;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the worker tests that run scripts through a {@link WorkerHarness} in a fresh home. */
abstract class WorkerTest {
  @TempDir Path dir;
  WorkerHarness harness;

  @BeforeEach
  void newHarness() {
    harness = new WorkerHarness(dir);
  }
}
