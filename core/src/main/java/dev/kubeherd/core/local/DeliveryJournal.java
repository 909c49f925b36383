package dev.kubeherd.core.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * An append-only log of records under {@code journal/} in the {@link LocalHome}, made durable by
 * group commit: {@link #append} returns once its record is on disk. One writer thread takes every
 * record queued while its previous {@code fdatasync} ran, writes them with one gathering write and
 * syncs once for all of them; appenders just wait for their turn (no lock to fight over). The log
 * is a series of segment files ({@code journal/<n>.log}); {@link #rotate} closes the active one so
 * it can be read ({@link JournalSegments#read}) and {@link #delete deleted}. One process appends at
 * a time: {@link #open} takes an exclusive lock on {@code journal/lock} for the journal's life.
 *
 * <p>A record is framed as its length, its CRC-32C and its bytes. A crash can tear only the tail of
 * the last segment, and a torn record was never acknowledged: {@link JournalSegments#read} stops
 * there. After a failed write or sync the journal refuses further appends (a partly written record
 * would hide every later one, and after a failed sync the kernel may have dropped the data).
 */
public final class DeliveryJournal implements AutoCloseable {
  static final String DIR = "journal";
  private static final int MAX_BATCH = 256;

  private final Path dir;
  private final JournalLock lock;
  private final List<Path> existing;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile long activeSize;
  private volatile String broken;
  private volatile boolean closed;

  // used by the writer thread only
  private FileChannel active;
  private FileChannel activeSynced;
  private Path activePath;
  private long nextSegment;

  private DeliveryJournal(Path dir, JournalLock lock, List<Path> existing) throws IOException {
    this.dir = dir;
    this.lock = lock;
    this.existing = existing;
    // never a number an earlier process used, even when it left no segment: readers in other
    // processes remember segments by name
    long after =
        Math.max(
            existing.isEmpty() ? 0 : JournalSegments.number(existing.getLast()),
            JournalSegments.lastNumber(dir));
    this.nextSegment = Math.max(after + 1, System.currentTimeMillis() * 1000);
    for (Path segment : existing) {
      JournalSegments.forgetSynced(segment); // all of it is the journal's now: readers read it all
    }
    startSegment();
    this.writer =
        Thread.ofPlatform().daemon().name("kubeherd-journal-writer").start(this::writeLoop);
  }

  /**
   * Opens the journal of {@code home} for appending, or empty when another process has it open.
   * Segments left by an earlier process are listed by {@link #leftOver()}.
   */
  public static Optional<DeliveryJournal> open(LocalHome home) {
    Path dir = home.root().resolve(DIR);
    LocalHome.ensureDir(dir);
    Optional<JournalLock> lock = JournalLock.tryAcquire(dir);
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DeliveryJournal(dir, lock.get(), JournalSegments.segments(dir)));
    } catch (IOException e) {
      lock.get().close();
      throw new UncheckedIOException("Could not open the delivery journal in " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      lock.get().close();
      throw e;
    }
  }

  /** Segments an earlier process left (it crashed or stopped), oldest first. */
  public List<Path> leftOver() {
    return existing;
  }

  /** Appends {@code record} and returns once it is durable. */
  public void append(byte[] record) {
    submit(new Request(record, Kind.RECORD));
  }

  /**
   * Queues {@code record} for the next group commit and runs {@code afterSync} on the writer thread
   * once the record is durable (with the segment it is in), before the writer takes its next batch:
   * it must be short and must not wait for the journal. The result completes with what {@code
   * afterSync} returns, or exceptionally (without running it) when the write or sync failed or the
   * journal closed first.
   */
  public <T> CompletableFuture<T> appendAsync(byte[] record, Function<Path, T> afterSync) {
    Request request = new Request(record, Kind.RECORD);
    // chained before the writer can see the request, so it always runs there
    CompletableFuture<T> result = request.done.thenApply(afterSync);
    enqueue(request);
    return result;
  }

  /**
   * Closes the active segment (durably) and starts a new one.
   *
   * @return the closed segment, to read and then {@link #delete}
   */
  public Path rotate() {
    return submit(new Request(null, Kind.ROTATE));
  }

  /** Bytes in the active segment. */
  public long activeSize() {
    return activeSize;
  }

  /** Deletes a segment whose records are all applied durably elsewhere. */
  public void delete(Path segment) {
    try {
      Files.deleteIfExists(segment);
      JournalSegments.forgetSynced(segment);
      AtomicFiles.syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete journal segment " + segment + ": " + e, e);
    }
  }

  /** Closes the active segment (it stays, to be read and deleted) and releases the lock. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    Request stop = new Request(null, Kind.STOP);
    queue.add(stop);
    closed = true;
    try {
      if (writer.isAlive()) {
        stop.done.get(); // the writer syncs and closes the active segment, then ends
      }
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not close the delivery journal " + dir + ": " + e.getCause(), e.getCause());
    } finally {
      failPending(new IllegalStateException("the delivery journal in " + dir + " is closed"));
      lock.close();
    }
  }

  /** What appenders and {@link #rotate} hand to the writer thread. */
  private static final class Request {
    final ByteBuffer header; // the record's frame header; the record is written from its array
    final ByteBuffer record;
    final Kind kind;
    final CompletableFuture<Path> done = new CompletableFuture<>();

    Request(byte[] record, Kind kind) {
      this.header = record == null ? null : JournalSegments.frameHeader(record);
      this.record = record == null ? null : ByteBuffer.wrap(record);
      this.kind = kind;
    }
  }

  private enum Kind {
    RECORD,
    ROTATE,
    STOP
  }

  private Path submit(Request request) {
    return await(enqueue(request));
  }

  private CompletableFuture<Path> enqueue(Request request) {
    checkOpen();
    queue.add(request);
    // the writer may have stopped between the check and the add; it no longer drains the queue
    if (broken != null) {
      failPending(new UncheckedIOException(new IOException(fail())));
    } else if (closed && !writer.isAlive()) {
      failPending(new IllegalStateException("the delivery journal in " + dir + " is closed"));
    }
    return request.done;
  }

  private static Path await(CompletableFuture<Path> done) {
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for the delivery journal; the record may or may not be"
              + " durable",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void writeLoop() {
    List<Request> batch = new ArrayList<>();
    boolean stopped = false;
    while (!stopped) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() ends the loop, through a STOP request
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      try {
        stopped = process(batch);
      } catch (IOException | RuntimeException | Error e) {
        // nothing written after a failure can be trusted: fail every waiting appender and stop
        broken = e.toString();
        RuntimeException failure =
            e instanceof IOException io
                ? new UncheckedIOException(fail(), io)
                : new IllegalStateException(fail(), e);
        batch.forEach(r -> r.done.completeExceptionally(failure));
        failPending(failure);
        return;
      }
      if (stopped) {
        RuntimeException closing =
            new IllegalStateException("the delivery journal in " + dir + " is closed");
        batch.stream()
            .filter(r -> !r.done.isDone())
            .forEach(r -> r.done.completeExceptionally(closing));
      }
      batch.clear();
    }
  }

  /**
   * Writes the batch's records in order, rotating where asked, then syncs once.
   *
   * @return whether the batch ended with a stop: the active segment is closed
   */
  private boolean process(List<Request> batch) throws IOException {
    List<ByteBuffer> pending = new ArrayList<>();
    List<Request> waiting = new ArrayList<>();
    for (Request request : batch) {
      if (request.kind == Kind.RECORD) {
        pending.add(request.header);
        pending.add(request.record);
        waiting.add(request);
        continue;
      }
      writeAndSync(pending, waiting);
      Path closedSegment = activePath;
      finishActive();
      if (request.kind == Kind.STOP) {
        request.done.complete(closedSegment);
        return true; // anything queued after the stop is failed by close()
      }
      startSegment();
      request.done.complete(closedSegment);
    }
    writeAndSync(pending, waiting);
    return false;
  }

  private void writeAndSync(List<ByteBuffer> buffers, List<Request> waiting) throws IOException {
    if (buffers.isEmpty()) {
      return;
    }
    ByteBuffer[] all = buffers.toArray(ByteBuffer[]::new);
    long remaining = buffers.stream().mapToLong(ByteBuffer::remaining).sum();
    while (remaining > 0) {
      remaining -= active.write(all);
    }
    active.force(false);
    activeSize = active.size();
    JournalSegments.markSynced(activeSynced, activeSize);
    waiting.forEach(r -> r.done.complete(activePath));
    buffers.clear();
    waiting.clear();
  }

  private void finishActive() throws IOException {
    if (!active.isOpen()) {
      return;
    }
    active.force(false);
    boolean empty = active.size() == 0;
    JournalSegments.markSynced(activeSynced, active.size());
    active.close();
    activeSynced.close();
    if (empty) {
      Files.deleteIfExists(activePath);
      JournalSegments.forgetSynced(activePath);
    }
  }

  private void startSegment() throws IOException {
    long number = nextSegment++;
    JournalSegments.rememberNumber(dir, number);
    activePath = dir.resolve(JournalSegments.name(number));
    // the mark first: until it says otherwise, readers see nothing of the new segment
    activeSynced = JournalSegments.openSynced(activePath);
    active = FileChannel.open(activePath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    activeSize = 0;
    AtomicFiles.syncDirectory(dir);
  }

  private void failPending(RuntimeException failure) {
    List<Request> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(r -> r.done.completeExceptionally(failure));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the delivery journal in " + dir + " is closed");
    }
    if (broken != null) {
      throw new UncheckedIOException(new IOException(fail()));
    }
  }

  private String fail() {
    return "the delivery journal in "
        + dir
        + " stopped after an I/O error ("
        + broken
        + "); fix the disk and restart the gateway";
  }
}
