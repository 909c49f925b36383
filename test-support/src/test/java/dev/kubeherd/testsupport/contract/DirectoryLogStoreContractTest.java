package dev.kubeherd.testsupport.contract;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLogStoreContractTest extends LogStoreContract {
  @TempDir Path home;

  @Override
  protected LogStore createStore() {
    return new DirectoryLogStore(new LocalHome(home));
  }

  @Override
  protected String createBuild() {
    return new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC())
        .create(BuildRequest.of("brigade-p", "exec", "brigade-cli"))
        .id();
  }
}
