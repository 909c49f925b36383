package dev.kubeherd.core.local.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupKillerTest {
  private final GroupKiller killer = new GroupKiller();

  private static Process group() throws Exception {
    return new ProcessBuilder("setsid", "sh", "-c", "sleep 100 & sleep 100").start();
  }

  @Test
  void killsEveryProcessOfTheGroup() throws Exception {
    Process leader = group();
    Thread.sleep(100); // let the leader start its background child
    List<ProcessHandle> members = leader.descendants().toList();

    assertThat(killer.kill(leader.pid())).isTrue();

    assertThat(leader.waitFor()).isEqualTo(137);
    for (ProcessHandle member : members) {
      ProcessJobExecutorTest.assertGone(member.pid());
    }
  }

  @Test
  void aGroupThatIsAlreadyGoneIsNoError() throws Exception {
    Process leader = new ProcessBuilder("setsid", "true").start();
    leader.waitFor();

    assertThat(killer.kill(leader.pid())).isTrue();
  }

  @Test
  void startsANewShellWhenItsShellDied() throws Exception {
    Process first = group();
    assertThat(killer.kill(first.pid())).isTrue();
    ProcessHandle.current()
        .children()
        .filter(p -> p.info().commandLine().orElse("").contains("while read -r g"))
        .forEach(ProcessHandle::destroyForcibly);
    Process second = group();

    assertThat(killer.kill(second.pid())).isTrue();

    assertThat(second.waitFor()).isEqualTo(137);
  }
}
