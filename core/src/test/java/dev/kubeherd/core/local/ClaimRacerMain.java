package dev.kubeherd.core.local;

import dev.kubeherd.core.model.Build;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The other process of {@link DirectoryBuildStoreClaimIT}: lists the builds in the home given as
 * first argument, prints {@code ready}, waits for a line on stdin, then tries to claim every build
 * as the worker named by the second argument, printing {@code claimed <id>} for each win and {@code
 * done} at the end.
 */
public final class ClaimRacerMain {
  private ClaimRacerMain() {}

  public static void main(String[] args) throws IOException {
    DirectoryBuildStore store =
        new DirectoryBuildStore(new LocalHome(Path.of(args[0])), Clock.systemUTC());
    String worker = args[1];
    List<String> ids = store.list(Optional.empty()).stream().map(Build::id).sorted().toList();
    System.out.println("ready " + ids.size());
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    for (String id : ids) {
      if (store.claim(id, worker)) {
        System.out.println("claimed " + id);
      }
    }
    System.out.println("done");
    System.out.flush();
  }
}
