package dev.kubeherd.testsupport.contract;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.port.BuildStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBuildStoreContractTest extends BuildStoreContract {
  @TempDir Path home;

  @Override
  protected BuildStore createStore() {
    return new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC());
  }
}
