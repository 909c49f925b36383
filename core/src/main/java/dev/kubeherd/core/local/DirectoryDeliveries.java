package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.port.Deliveries;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
  private volatile boolean dirMade;

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
    return json.readIfPresent(file(deliveryId), DeliveryFile.class).map(DeliveryFile::buildIds);
  }

  /**
   * @throws IllegalArgumentException when the delivery ID is not a safe file name
   */
  @Override
  public List<String> record(String deliveryId, List<String> buildIds) {
    return record(deliveryId, buildIds, true);
  }

  /**
   * {@link #record(String, List)}, without fsync when {@code durable} is false (for {@link
   * JournaledIntake}, whose journal holds the record until {@link #sync}).
   */
  List<String> record(String deliveryId, List<String> buildIds, boolean durable) {
    LocalHome.checkName("delivery ID", deliveryId);
    if (!dirMade) {
      LocalHome.ensureDir(dir);
      dirMade = true; // a record per delivery: skip the mkdir calls from now on
    }
    Path file = file(deliveryId);
    List<String> ids = List.copyOf(buildIds);
    byte[] content = json.toBytes(new DeliveryFile(deliveryId, ids));
    boolean created;
    try {
      created = AtomicFiles.createExclusive(file, content, durable);
    } catch (UncheckedIOException e) {
      if (Files.isDirectory(dir)) {
        throw e;
      }
      LocalHome.ensureDir(dir); // removed since: make it again
      created = AtomicFiles.createExclusive(file, content, durable);
    }
    if (created) {
      return ids;
    }
    return json.read(file, DeliveryFile.class)
        .map(DeliveryFile::buildIds)
        .orElseThrow(
            () ->
                JsonFiles.corrupt(
                    file, "it was created by another recorder but has disappeared", null));
  }

  /** Replaces a record a machine crash left unreadable; durable when this returns. */
  void repair(String deliveryId, List<String> buildIds) {
    AtomicFiles.write(file(deliveryId), json.toBytes(new DeliveryFile(deliveryId, buildIds)));
  }

  /** Makes a record written without fsync durable; its directory entry needs {@link #syncDir}. */
  void sync(String deliveryId) {
    AtomicFiles.syncFile(file(deliveryId));
  }

  /** Makes the entries of {@code deliveries/} durable. */
  void syncDir() {
    AtomicFiles.syncDirectory(dir);
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
