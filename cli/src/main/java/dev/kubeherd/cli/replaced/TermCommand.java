package dev.kubeherd.cli.replaced;

import picocli.CommandLine.Command;

/** {@code brig term}: v1's brigadeterm terminal UI. */
@Command(
    name = "term",
    mixinStandardHelpOptions = true,
    description = "Not in kubeherd (v1's brigadeterm); says what to use instead.")
public final class TermCommand extends ReplacedCommand {
  @Override
  String replacement() {
    return "Use the gateway's dashboard ('brig dashboard' says where), or 'brig build list' and"
        + " 'brig build logs --last --jobs'.";
  }
}
