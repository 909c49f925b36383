package dev.kubeherd.testsupport.contract;

import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.port.ProjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DirectoryProjectStoreContractTest extends ProjectStoreContract {
  @TempDir Path home;

  @Override
  protected ProjectStore createStore() {
    return new DirectoryProjectStore(new LocalHome(home));
  }
}
