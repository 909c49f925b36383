package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.port.Deliveries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.core.JacksonException;

/**
 * Deliveries as one JSON file each, {@code deliveries/<deliveryId>.json} under the {@link
 * LocalHome}, holding the delivery ID and its build IDs. A file is created exclusively, so the
 * first recorder wins across processes. Durable records are created fully written ({@link
 * AtomicFiles#createExclusive}); the journal's records are written in place ({@link
 * AtomicFiles#createInPlace}, a third of the file system calls), so readers give a record they find
 * empty or cut short a moment to be finished, and the journal rewrites one a crash left so.
 * Delivery IDs must be safe file names (GitHub's are GUIDs).
 */
public final class DirectoryDeliveries implements Deliveries {
  static final String DIR = "deliveries";

  /** How long a reader waits for a record being written in place to be complete. */
  static final Duration SETTLE = Duration.ofMillis(200);

  private final Path dir;
  private final JournalView journal;
  private final Duration settle;
  private final JsonFiles json = new JsonFiles();
  private volatile boolean dirMade;

  public DirectoryDeliveries(LocalHome home) {
    this(home, SETTLE);
  }

  /**
   * @param settle how long a reader waits for a record being written in place ({@link #SETTLE})
   */
  DirectoryDeliveries(LocalHome home, Duration settle) {
    this.dir = home.root().resolve(DIR);
    this.journal = home.journal();
    this.settle = settle;
  }

  /**
   * The delivery's builds: from its record, or from the delivery journal while that still holds the
   * delivery (its record is written when the journal lets go of it).
   *
   * @throws CorruptStateException naming the file when the record exists but cannot be read
   */
  @Override
  public Optional<List<String>> find(String deliveryId) {
    Optional<List<String>> recorded = findRecorded(deliveryId);
    if (recorded.isPresent() || !LocalHome.isSafeName(deliveryId)) {
      return recorded;
    }
    recorded = journal.key(deliveryId);
    // the journal may have let go of it between the two looks: its record is there now
    return recorded.isPresent() ? recorded : findRecorded(deliveryId);
  }

  /** The delivery's record only, not looking in the journal. */
  Optional<List<String>> findRecorded(String deliveryId) {
    if (!LocalHome.isSafeName(deliveryId)) {
      return Optional.empty();
    }
    return readSettled(file(deliveryId)).map(DeliveryFile::buildIds);
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
      created = create(file, content, durable);
    } catch (UncheckedIOException e) {
      if (Files.isDirectory(dir)) {
        throw e;
      }
      LocalHome.ensureDir(dir); // removed since: make it again
      created = create(file, content, durable);
    }
    if (created) {
      return ids;
    }
    return readSettled(file)
        .map(DeliveryFile::buildIds)
        .orElseThrow(
            () ->
                JsonFiles.corrupt(
                    file, "it was created by another recorder but has disappeared", null));
  }

  private static boolean create(Path file, byte[] content, boolean durable) {
    return durable
        ? AtomicFiles.createExclusive(file, content, true)
        : AtomicFiles.createInPlace(file, content);
  }

  /**
   * The record in {@code file}, if any. One that cannot be parsed is read again for up to {@link
   * #SETTLE} (by default): another recorder may be writing it in place right now.
   *
   * @throws CorruptStateException when it still cannot be parsed after that
   */
  private Optional<DeliveryFile> readSettled(Path file) {
    long deadline = System.nanoTime() + settle.toNanos();
    while (true) {
      try {
        return json.readIfPresent(file, DeliveryFile.class);
      } catch (CorruptStateException e) {
        if (System.nanoTime() - deadline > 0) {
          throw unfinished(file, e);
        }
        LockSupport.parkNanos(settle.toNanos() / 100);
      }
    }
  }

  private static CorruptStateException unfinished(Path file, CorruptStateException e) {
    try {
      if (Files.size(file) > 0) {
        return new CorruptStateException(
            "Delivery record "
                + file
                + " cannot be read ("
                + (e.getCause() instanceof JacksonException j
                    ? j.getOriginalMessage()
                    : "not a delivery record")
                + "). Do not delete it: a redelivery of this event would then run again. Restart"
                + " the gateway that owns this home's journal (it rewrites records it still"
                + " holds), or write it by hand as {\"deliveryId\":\"<id>\",\"buildIds\":[...]}"
                + " with the IDs of the builds this delivery made",
            e);
      }
    } catch (IOException ignored) {
      return e;
    }
    return new CorruptStateException(
        "Delivery record "
            + file
            + " is empty: a gateway was stopped (or is stuck) while writing it. Restart the"
            + " gateway that owns this home's journal (it rewrites the record from the"
            + " journal); until then this delivery cannot be replayed or redelivered",
        e);
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
