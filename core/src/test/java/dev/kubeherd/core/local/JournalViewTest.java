package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import dev.kubeherd.core.model.BuildRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalViewTest {
  private static final JsonFiles JSON = new JsonFiles();

  @TempDir Path tmp;

  @Test
  void aRecordStillBeingWrittenIsReadOnceItIsWhole() throws Exception {
    Path segment = segment(1);
    byte[] first = framed(entry("d-1", "01jv8w3k5d2x7q9m4n6p8r0t2a"));
    byte[] second = framed(entry("d-2", "01jv8w3k5d2x7q9m4n6p8r0t2b"));
    Files.write(segment, first);
    Files.write(segment, Arrays.copyOf(second, second.length / 2), StandardOpenOption.APPEND);
    JournalView view = new JournalView(new LocalHome(tmp));

    assertThat(view.ids(Optional.empty())).containsExactly("01jv8w3k5d2x7q9m4n6p8r0t2a");
    assertThat(view.key("d-2")).isEmpty();

    Files.write(
        segment,
        Arrays.copyOfRange(second, second.length / 2, second.length),
        StandardOpenOption.APPEND);

    assertThat(view.key("d-2")).contains(List.of("01jv8w3k5d2x7q9m4n6p8r0t2b"));
    assertThat(view.find("01jv8w3k5d2x7q9m4n6p8r0t2b").orElseThrow().projectId())
        .isEqualTo("brigade-p");
  }

  @Test
  void aRecordIsReadOnlyOnceTheWriterMarkedItSynced() throws Exception {
    Path segment = segment(1);
    byte[] first = framed(entry("d-1", "01jv8w3k5d2x7q9m4n6p8r0t2a"));
    byte[] second = framed(entry("d-2", "01jv8w3k5d2x7q9m4n6p8r0t2b"));
    Files.write(segment, concat(first, second));
    try (FileChannel mark = JournalSegments.openSynced(segment)) {
      JournalSegments.markSynced(mark, first.length);
      JournalView view = new JournalView(new LocalHome(tmp));

      assertThat(view.ids(Optional.empty())).containsExactly("01jv8w3k5d2x7q9m4n6p8r0t2a");
      assertThat(view.key("d-2")).isEmpty();

      JournalSegments.markSynced(mark, first.length + second.length);

      assertThat(view.key("d-2")).contains(List.of("01jv8w3k5d2x7q9m4n6p8r0t2b"));
    }
  }

  @Test
  void aClosedSegmentWhoseMarkACrashLeftBehindIsReadWholeOnceTheMarkGoes() throws Exception {
    byte[] first = framed(entry("d-1", "01jv8w3k5d2x7q9m4n6p8r0t2a"));
    byte[] second = framed(entry("d-2", "01jv8w3k5d2x7q9m4n6p8r0t2b"));
    Files.write(segment(1), concat(first, second));
    try (FileChannel mark = JournalSegments.openSynced(segment(1))) {
      JournalSegments.markSynced(mark, first.length); // not synced when the machine went down
    }
    Files.write(segment(2), framed(entry("d-3", "01jv8w3k5d2x7q9m4n6p8r0t2c")));
    JournalView view = new JournalView(new LocalHome(tmp));
    assertThat(view.key("d-2")).isEmpty();

    JournalSegments.forgetSynced(segment(1)); // the next gateway takes the journal over

    assertThat(view.key("d-2")).contains(List.of("01jv8w3k5d2x7q9m4n6p8r0t2b"));
  }

  @Test
  void arrivalsComeOnceInOrderAndADeletedSegmentIsForgotten() throws Exception {
    Files.write(segment(1), framed(entry("d-1", "01jv8w3k5d2x7q9m4n6p8r0t2a")));
    JournalView view = new JournalView(new LocalHome(tmp));
    JournalView.Arrivals first = view.arrivedAfter(0);
    Files.write(segment(2), framed(entry("d-2", "01jv8w3k5d2x7q9m4n6p8r0t2b")));
    JournalView.Arrivals next = view.arrivedAfter(first.cursor());

    assertThat(first.ids()).containsExactly("01jv8w3k5d2x7q9m4n6p8r0t2a");
    assertThat(next.ids()).containsExactly("01jv8w3k5d2x7q9m4n6p8r0t2b");
    assertThat(view.arrivedAfter(next.cursor()).ids()).isEmpty();

    Files.delete(segment(1));

    assertThat(view.ids(Optional.empty())).containsExactly("01jv8w3k5d2x7q9m4n6p8r0t2b");
    assertThat(view.key("d-1")).isEmpty();
    assertThat(view.find("01jv8w3k5d2x7q9m4n6p8r0t2a")).isEmpty();
  }

  @Test
  void aDamagedRecordIsSkippedWithoutHidingTheSegmentsBefore() throws Exception {
    byte[] whole = framed(entry("d-1", "01jv8w3k5d2x7q9m4n6p8r0t2a"));
    byte[] damaged = framed(entry("d-2", "01jv8w3k5d2x7q9m4n6p8r0t2b"));
    damaged[damaged.length - 1] ^= 1;
    Files.write(segment(1), concat(whole, damaged));
    Files.write(segment(2), framed(entry("d-3", "01jv8w3k5d2x7q9m4n6p8r0t2c")));

    JournalView view = new JournalView(new LocalHome(tmp));

    assertThat(view.ids(Optional.empty()))
        .containsExactlyInAnyOrder("01jv8w3k5d2x7q9m4n6p8r0t2a", "01jv8w3k5d2x7q9m4n6p8r0t2c");
  }

  private Path segment(long n) throws Exception {
    return Files.createDirectories(tmp.resolve(DeliveryJournal.DIR))
        .resolve(JournalSegments.name(n));
  }

  private static byte[] entry(String key, String id) {
    BuildFile file =
        new BuildFile(
            id,
            Instant.parse("2026-11-27T00:00:00Z"),
            BuildRequest.of("brigade-p", "push", "github").withPayload("{\"a\":1}"));
    return new JournalEntry(key, List.of(JournaledBuild.of(file, Optional.empty()).part()))
        .encode();
  }

  private static byte[] framed(byte[] record) {
    ByteBuffer buf = JournalSegments.frame(record);
    return Arrays.copyOf(buf.array(), buf.limit());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
