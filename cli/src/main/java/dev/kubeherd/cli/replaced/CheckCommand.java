package dev.kubeherd.cli.replaced;

import picocli.CommandLine.Command;

/** {@code brig check}: v1 checked its API server, controller, Kashti and vacuum deployments. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Not in kubeherd (v1 checked its deployments); says what to check instead.")
public final class CheckCommand extends ReplacedCommand {
  @Override
  String replacement() {
    return "Kubernetes mode: kubeherd has no API server, Kashti or vacuum CronJob; check the"
        + " controller and gateway Deployments with 'kubectl get deployments -n <namespace>'"
        + " (the controller runs the vacuum). Local mode: nothing to check; builds run in brig"
        + " or in 'kubeherd serve --local'.";
  }
}
