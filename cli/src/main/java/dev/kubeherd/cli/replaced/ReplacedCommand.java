package dev.kubeherd.cli.replaced;

import dev.kubeherd.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A v1 {@code brig} command that kubeherd replaces with something else: it takes v1's flags, does
 * nothing, says on stderr what to use instead and exits 1, so a script that relied on it stops
 * instead of carrying on as if it had worked.
 */
abstract class ReplacedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** v1's flags (e.g. {@code --port}, {@code --reload-interval}): accepted, not used. */
  @Unmatched List<String> v1Flags = new ArrayList<>();

  /** What to use instead, one or more lines. */
  abstract String replacement();

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    err.println(
        "brig " + spec.name() + " is not part of kubeherd (no Brigade v1 deployments to talk to).");
    err.println(replacement());
    err.flush();
    return ExitCodes.ERROR;
  }
}
