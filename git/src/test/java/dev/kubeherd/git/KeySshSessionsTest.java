package dev.kubeherd.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH home of in-memory-key sessions: private to the owner, gone after close. */
class KeySshSessionsTest {
  @TempDir Path scratch;

  @Test
  void sshHomeIsAPrivateDirectoryCreatedInTheParentAndDeletedOnClose() throws Exception {
    Path parent = scratch.resolve("not/yet");
    var keys = List.of(KeyPairGenerator.getInstance("EC").generateKeyPair());

    Path home;
    try (KeySshSessions sessions = KeySshSessions.in(parent, keys, new AcceptAnyHostKey())) {
      home = sessions.home();
      assertThat(home.getParent()).isEqualTo(parent);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
          .isEqualTo("rwx------");
      Files.createDirectories(home.resolve(".ssh"));
      Files.writeString(home.resolve(".ssh/leftover"), "x");
    }

    assertThat(home).doesNotExist();
    assertThat(parent).isEmptyDirectory();
  }

  @Test
  void tempDirSessionsKeepTheirHomeInJavaIoTmpdirUntilClosed() throws Exception {
    var keys = List.of(KeyPairGenerator.getInstance("EC").generateKeyPair());

    Path home;
    try (KeySshSessions sessions = KeySshSessions.inTempDir(keys, new AcceptAnyHostKey())) {
      home = sessions.home();
      assertThat(home.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
      assertThat(home.getFileName().toString()).startsWith("kubeherd-ssh-");
      assertThat(home).isDirectory();
    }

    assertThat(home).doesNotExist();
  }
}
