package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.port.Deliveries;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Deliveries as one JSON file each, {@code deliveries/<deliveryId>.json} under the {@link
 * LocalHome}, holding the delivery ID and its build IDs. A file is created exclusively and fully
 * written ({@link AtomicFiles#createExclusive}), so the first recorder wins across processes and a
 * crash never leaves half a record. Delivery IDs must be safe file names (GitHub's are GUIDs).
 */
public final class DirectoryDeliveries implements Deliveries {
  static final String DIR = "deliveries";

  private final Path dir;
  private final JsonFiles json = new JsonFiles();

  public DirectoryDeliveries(LocalHome home) {
    this.dir = home.root().resolve(DIR);
  }

  /**
   * @throws CorruptStateException naming the file when the record exists but cannot be read
   */
  @Override
  public Optional<List<String>> find(String deliveryId) {
    if (!LocalHome.isSafeName(deliveryId)) {
      return Optional.empty();
    }
    return json.read(file(deliveryId), DeliveryFile.class).map(DeliveryFile::buildIds);
  }

  /**
   * @throws IllegalArgumentException when the delivery ID is not a safe file name
   */
  @Override
  public List<String> record(String deliveryId, List<String> buildIds) {
    LocalHome.checkName("delivery ID", deliveryId);
    LocalHome.ensureDir(dir);
    Path file = file(deliveryId);
    List<String> ids = List.copyOf(buildIds);
    if (AtomicFiles.createExclusive(file, json.toBytes(new DeliveryFile(deliveryId, ids)))) {
      return ids;
    }
    return json.read(file, DeliveryFile.class)
        .map(DeliveryFile::buildIds)
        .orElseThrow(
            () ->
                JsonFiles.corrupt(
                    file, "it was created by another recorder but has disappeared", null));
  }

  private Path file(String deliveryId) {
    return dir.resolve(deliveryId + ".json");
  }

  /** The stored form of one delivery. */
  record DeliveryFile(String deliveryId, List<String> buildIds) {
    DeliveryFile {
      buildIds = buildIds == null ? List.of() : List.copyOf(buildIds);
    }
  }
}
