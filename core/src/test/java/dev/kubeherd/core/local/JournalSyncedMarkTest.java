package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .synced} mark that tells readers in other processes how much of a segment is durable.
 */
class JournalSyncedMarkTest {
  @TempDir Path dir;

  private Path segment() {
    return dir.resolve(JournalSegments.name(1));
  }

  @Test
  void aMarkSaysTheSizeTheWriterLastMarked() throws Exception {
    try (FileChannel mark = JournalSegments.openSynced(segment())) {
      assertThat(JournalSegments.readable(segment())).isZero();

      JournalSegments.markSynced(mark, 4_096);

      assertThat(JournalSegments.readable(segment())).isEqualTo(4_096);
    }
  }

  @Test
  void aMarkCaughtHalfRewrittenLetsNothingBeRead() throws Exception {
    // the first half from a rewrite to 8192, the second still from the mark of 4096
    byte[] torn = ByteBuffer.allocate(16).putLong(8_192).putLong(~4_096L).array();
    Files.write(JournalSegments.syncedMark(segment()), torn);

    assertThat(JournalSegments.markedSize(torn)).isEmpty();
    assertThat(JournalSegments.readable(segment())).isZero();
  }

  @Test
  void aReadThatCaughtHalfARewriteIsRetried() {
    byte[] torn = ByteBuffer.allocate(16).putLong(8_192).putLong(~4_096L).array();
    byte[] whole = ByteBuffer.allocate(16).putLong(8_192).putLong(~8_192L).array();
    Iterator<byte[]> reads = List.of(torn, whole).iterator();

    assertThat(JournalSegments.readable(reads::next, segment())).isEqualTo(8_192);
  }

  @Test
  void aMarkTornAtEveryReadLetsNothingBeReadThisTime() {
    byte[] torn = ByteBuffer.allocate(16).putLong(8_192).putLong(~4_096L).array();
    AtomicInteger reads = new AtomicInteger();

    long readable =
        JournalSegments.readable(
            () -> {
              reads.incrementAndGet();
              return torn;
            },
            segment());

    assertThat(readable).isZero();
    assertThat(reads).hasValue(3);
  }

  @Test
  void aMarkBeingCreatedLetsNothingBeRead() throws Exception {
    Files.write(JournalSegments.syncedMark(segment()), new byte[0]);

    assertThat(JournalSegments.readable(segment())).isZero();
  }

  @Test
  void aMarkOfTheEarlierFormatIsStillRead() throws Exception {
    Files.write(
        JournalSegments.syncedMark(segment()), ByteBuffer.allocate(8).putLong(1_234).array());

    assertThat(JournalSegments.readable(segment())).isEqualTo(1_234);
  }

  @Test
  void aSegmentWithoutAMarkIsReadWhole() {
    assertThat(JournalSegments.readable(segment())).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void readersWhileTheWriterRewritesTheMarkOnlyEverSeeSizesItWrote() throws Exception {
    // every size written is a multiple of this, so a mix of two sizes' bytes would show
    long step = 0x0001_0001_0001L;
    AtomicLong lastWritten = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Exception> writerFailed = new AtomicReference<>();
    List<Long> wrong = new ArrayList<>();
    long sizesSeen = 0;
    try (FileChannel mark = JournalSegments.openSynced(segment())) {
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (long i = 1; !stop.get(); i++) {
                        JournalSegments.markSynced(mark, i * step);
                        lastWritten.set(i * step);
                      }
                    } catch (Exception e) {
                      writerFailed.set(e);
                    }
                  });
      long reads = 0;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      while (System.nanoTime() < deadline) {
        long seen = JournalSegments.readable(segment());
        if (seen % step != 0 || seen < 0 || seen > lastWritten.get() + step) {
          wrong.add(seen);
        } else if (seen > 0) {
          sizesSeen++;
        }
        reads++;
      }
      stop.set(true);
      writer.join();
      assertThat(writerFailed.get()).isNull();
      assertThat(reads).isPositive();
      assertThat(sizesSeen).as("reads that saw a size the writer wrote").isPositive();
    }
    assertThat(wrong).isEmpty();
  }
}
