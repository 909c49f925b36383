package dev.kubeherd.testsupport.contract;

import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.port.Deliveries;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DirectoryDeliveriesContractTest extends DeliveriesContract {
  @TempDir Path home;

  @Override
  protected Deliveries createDeliveries() {
    return new DirectoryDeliveries(new LocalHome(home));
  }
}
