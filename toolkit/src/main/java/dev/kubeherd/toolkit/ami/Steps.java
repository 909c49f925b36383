package dev.kubeherd.toolkit.ami;

import dev.kubeherd.toolkit.aws.AwsErrors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/** Progress lines of a run ({@code [n/8] …}) and AWS calls whose SDK errors name the step. */
final class Steps {
  static final int COUNT = 8;
  private final Consumer<String> progress;

  Steps(Consumer<String> progress) {
    this.progress = progress;
  }

  void step(int n, String line) {
    progress.accept("[" + n + "/" + COUNT + "] " + line);
  }

  /** A detail line under the current step. */
  void detail(String line) {
    progress.accept("  " + line);
  }

  Consumer<String> details() {
    return this::detail;
  }

  /** Runs an AWS call; SDK failures become an {@link AmiBuildException} naming {@code what}. */
  static <T> T aws(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw failed(what, e);
    }
  }

  static void awsRun(String what, Runnable call) {
    aws(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  private static AmiBuildException failed(String what, SdkException e) {
    return new AmiBuildException(
        what
            + " failed: "
            + AwsErrors.describe(e)
            + " ("
            + AwsErrors.hint(
                e, "check the AWS credentials and the IAM permissions in docs/toolkit.md")
            + ")",
        e);
  }
}
