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

  private List<String> read(BuildChangeTail tail) {
    List<String> lines = new ArrayList<>();
    tail.read(lines::add);
    return lines;
  }

  @Test
  void aTailSeesOnlyWhatIsAppendedAfterItStarted() {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    log.append(List.of("before"));

    try (BuildChangeTail tail = log.tail()) {
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
    try (BuildChangeTail tail = log.tail()) {
      assertThat(read(tail)).isEmpty();

      log.append(List.of("first"));

      assertThat(read(tail)).containsExactly("first");
    }
  }

  @Test
  void writersOverTheSameHomeShareOneLog() {
    LocalHome home = new LocalHome(tmp);
    BuildChangeLog reader = new BuildChangeLog(home);
    try (BuildChangeTail tail = reader.tail()) {
      new BuildChangeLog(home).append(List.of("from-one"));
      new BuildChangeLog(home).append(List.of("from-two"));

      assertThat(read(tail)).containsExactly("from-one", "from-two");
    }
  }

  @Test
  void aLineIsHandedOverOnlyOnceItsWriterFinishedIt() throws IOException {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    log.append(List.of("x"));
    try (BuildChangeTail tail = log.tail()) {
      appendRaw(tmp.resolve(BuildChangeLog.FILE), "01half");
      assertThat(read(tail)).isEmpty();

      appendRaw(tmp.resolve(BuildChangeLog.FILE), "way\n");

      assertThat(read(tail)).containsExactly("01halfway");
    }
  }

  @Test
  void aLogRotatedOnceBetweenTwoReadsLosesNothing() {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp), 20); // rotates every 3rd append
    log.append(List.of("a"));
    try (BuildChangeTail tail = log.tail()) {
      List.of("build-01", "build-02", "build-03").forEach(id -> log.append(List.of(id)));
      assertThat(Files.exists(tmp.resolve(BuildChangeLog.FILE + ".1"))).isTrue();

      assertThat(read(tail)).containsExactly("build-01", "build-02", "build-03");
    }
  }

  @Test
  void aLogRotatedTwiceBetweenTwoReadsLosesNothingEither() {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp), 20);
    log.append(List.of("a"));
    try (BuildChangeTail tail = log.tail()) {
      List<String> written = IntStream.rangeClosed(1, 6).mapToObj(i -> "build-0" + i).toList();
      // rotations after build-02 and after build-05: the file holding 03-05 was never open
      written.forEach(id -> log.append(List.of(id)));

      assertThat(read(tail)).containsExactlyElementsOf(written);
    }
  }

  @Test
  void aLogTruncatedInPlaceIsReadAgainFromItsStart() throws IOException {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    try (BuildChangeTail tail = log.tail()) {
      log.append(List.of("a", "b"));
      assertThat(read(tail)).containsExactly("a", "b");
      try (FileChannel ch =
          FileChannel.open(tmp.resolve(BuildChangeLog.FILE), StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }

      log.append(List.of("c"));

      assertThat(read(tail)).containsExactly("c");
    }
  }

  @Test
  void aLineTooLongToBeABuildIdIsDropped() throws IOException {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    try (BuildChangeTail tail = log.tail()) {
      appendRaw(tmp.resolve(BuildChangeLog.FILE), "x".repeat(300));
      log.append(List.of("ok"));

      assertThat(read(tail)).containsExactly("ok");
    }
  }

  @Test
  void aLineTornByAFailedWriteDoesNotSwallowTheNextId() throws IOException {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp));
    try (BuildChangeTail tail = log.tail()) {
      appendRaw(tmp.resolve(BuildChangeLog.FILE), "01torn");
      log.append(List.of("next"));

      assertThat(read(tail)).containsExactly("01torn", "next");
    }
  }

  @Test
  void linesAWriterAddsToTheRotatedFileAfterTheRenameStillArrive() throws IOException {
    BuildChangeLog log = new BuildChangeLog(new LocalHome(tmp), 20);
    Path file = tmp.resolve(BuildChangeLog.FILE);
    try (BuildChangeTail tail = log.tail()) {
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
    Files.writeString(
        file,
        text,
        StandardCharsets.US_ASCII,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
