package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims race between two OS processes sharing one KUBEHERD_HOME. */
class DirectoryBuildStoreClaimIT {
  private static final int BUILDS = 30;

  @TempDir Path home;
  @TempDir Path logs;

  @Test
  void eachBuildIsClaimedExactlyOnceWhenTwoProcessesRaceOverThirtyBuilds() throws Exception {
    DirectoryBuildStore store = new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC());
    List<String> ids =
        IntStream.range(0, BUILDS)
            .mapToObj(i -> store.create(BuildRequest.of("brigade-p", "push", "github")).id())
            .toList();
    Path stderr = logs.resolve("racer.err");
    Process other = TestJvm.start(stderr, ClaimRacerMain.class, home.toString(), "other-process");
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = other.getOutputStream()) {
      assertThat(out.readLine()).as("see %s", stderr).isEqualTo("ready " + BUILDS);
      in.write("go\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      List<String> mine = ids.stream().filter(id -> store.claim(id, "this-process")).toList();
      List<String> theirs = claimedBy(out);
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).as("see %s", stderr).isZero();

      assertThat(mine).doesNotContainAnyElementsOf(theirs);
      Set<String> all = new HashSet<>(mine);
      all.addAll(theirs);
      assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
      assertWinnersRecorded(store, mine, "this-process");
      assertWinnersRecorded(store, theirs, "other-process");
    } finally {
      other.destroyForcibly();
    }
  }

  private static List<String> claimedBy(BufferedReader out) throws Exception {
    List<String> claimed = new ArrayList<>();
    for (String line = out.readLine(); !"done".equals(line); line = out.readLine()) {
      assertThat(line).as("output of the other process").isNotNull().startsWith("claimed ");
      claimed.add(line.substring("claimed ".length()));
    }
    return claimed;
  }

  private static void assertWinnersRecorded(
      DirectoryBuildStore store, List<String> ids, String worker) {
    for (String id : ids) {
      assertThat(store.find(id).orElseThrow().status().worker()).as(id).isEqualTo(worker);
    }
  }
}
