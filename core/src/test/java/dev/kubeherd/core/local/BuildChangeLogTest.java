package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildChangeLogTest {
  @TempDir Path tmp;

  private List<String> read(BuildChangeLog.Tail tail) {
    List<String> lines = new ArrayList<>();
    tail.read(lines::add);
    return lines;
  }

  @Test
  void aTailSeesOnlyWhatIsAppendedAfterItStarted() {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    log.append(List.of("before"));

    try (BuildChangeLog.Tail tail = log.tail()) {
      assertThat(read(tail)).isEmpty();
      log.append(List.of("a", "b"));
      log.append(List.of("c"));

      assertThat(read(tail)).containsExactly("a", "b", "c");
      assertThat(read(tail)).isEmpty();
    }
  }

  @Test
  void aTailStartedBeforeTheLogExistsReadsItFromTheStart() {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    try (BuildChangeLog.Tail tail = log.tail()) {
      assertThat(read(tail)).isEmpty();

      log.append(List.of("first"));

      assertThat(read(tail)).containsExactly("first");
    }
  }

  @Test
  void writersOverTheSameHomeShareOneLog() {
    LocalHome home = new LocalHome(tmp);
    BuildChangeLog reader = new BuildChangeLog(home);
    try (BuildChangeLog.Tail tail = reader.tail()) {
      new BuildChangeLog(home).append(List.of("from-one"));
      new BuildChangeLog(home).append(List.of("from-two"));

      assertThat(read(tail)).containsExactly("from-one", "from-two");
    }
  }

  @Test
  void aLineIsHandedOverOnlyOnceItsWriterFinishedIt() throws IOException {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    log.append(List.of("x"));
    try (BuildChangeLog.Tail tail = log.tail()) {
      appendRaw(tmp.resolve(BuildChangeLog.FILE), "01half");
      assertThat(read(tail)).isEmpty();

      appendRaw(tmp.resolve(BuildChangeLog.FILE), "way\n");

      assertThat(read(tail)).containsExactly("01halfway");
    }
  }

  @Test
  void nothingIsLostWhenTheLogIsRotatedBetweenTwoReads() {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp), 200);
    try (BuildChangeLog.Tail tail = log.tail()) {
      List<String> written = IntStream.range(0, 100).mapToObj(i -> "build-" + i).toList();
      written.forEach(id -> log.append(List.of(id)));

      assertThat(Files.exists(tmp.resolve(BuildChangeLog.FILE + ".1"))).isTrue();
      List<String> seen = read(tail);
      // four rotations happened between the reads: the lines of the files rotated twice are
      // gone (a feed's full scan catches those), but nothing after the last rotation is missed
      assertThat(written).containsSubsequence(seen);
      assertThat(seen).contains("build-99");
    }
  }

  @Test
  void linesAWriterAddsToTheRotatedFileAfterTheRenameStillArrive() throws IOException {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp), 20);
    Path file = tmp.resolve(BuildChangeLog.FILE);
    try (BuildChangeLog.Tail tail = log.tail()) {
      log.append(List.of("a"));
      assertThat(read(tail)).containsExactly("a");
      // a writer opens the log, then another one rotates it before the first writes
      try (FileChannel late =
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        log.append(List.of("long-enough-to-rotate"));
        assertThat(Files.exists(tmp.resolve(BuildChangeLog.FILE + ".1"))).isTrue();
        log.append(List.of("c"));
        assertThat(read(tail)).containsExactly("long-enough-to-rotate", "c");

        late.write(ByteBuffer.wrap("late\n".getBytes(StandardCharsets.US_ASCII)));
      }

      assertThat(read(tail)).containsExactly("late");
    }
  }

  @Test
  void anAppendThatCannotBeWrittenIsDroppedWithoutFailingTheCaller() throws IOException {
    Files.createDirectory(tmp.resolve(BuildChangeLog.FILE)); // a directory where the log goes
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));

    log.append(List.of("lost"));
    log.append(List.of("lost-too"));

    assertThat(Files.isDirectory(tmp.resolve(BuildChangeLog.FILE))).isTrue();
  }

  private static void appendRaw(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
  }
}
