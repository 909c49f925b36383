package dev.kubeherd.core.local;

import java.nio.file.Path;
import java.util.Optional;

/** Child JVM for lock tests: tries to open the delivery journal of a home, prints the outcome. */
public final class JournalProbeMain {
  private JournalProbeMain() {}

  public static void main(String[] args) {
    Optional<DeliveryJournal> journal = DeliveryJournal.open(new LocalHome(Path.of(args[0])));
    System.out.println(journal.isPresent() ? "acquired" : "refused");
    journal.ifPresent(DeliveryJournal::close);
  }
}
