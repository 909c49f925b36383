package dev.kubeherd.cli;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.toolkit.ToolkitException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints failures the brig way: one {@code Error: <message>} line (a build failure prints only its
 * own line), a hint instead of the whole usage text for usage errors, and a stack trace only with
 * {@code --verbose}. Exit codes come from the command line's {@link ExitCodes} mapper.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    if (ex.getCause() instanceof ToolkitException config) {
      // found while picocli applied defaults (kubeherd.yaml, KUBEHERD_*): not a usage error
      err.println("Error: " + config.getMessage());
      err.flush();
      return cmd.getExitCodeExceptionMapper().getExitCode(ex);
    }
    err.println("Error: " + withoutPrefix(ex.getMessage()));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return cmd.getExitCodeExceptionMapper().getExitCode(ex);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof BuildFailedException) {
      err.println(ex.getMessage());
    } else {
      err.println("Error: " + describe(ex));
      if (verbose(cmd.getCommandSpec())) {
        ex.printStackTrace(err);
      }
    }
    err.flush();
    return cmd.getExitCodeExceptionMapper().getExitCode(ex);
  }

  /** picocli's own text for mutually exclusive options already starts with "Error: ". */
  private static String withoutPrefix(String message) {
    return message != null && message.startsWith("Error: ")
        ? message.substring("Error: ".length())
        : message;
  }

  private static String describe(Exception ex) {
    String message = ex.getMessage();
    if (ex instanceof KubeherdException && message != null) {
      return message;
    }
    if (ex instanceof KubernetesClientException k && k.getCode() <= 0) {
      // no HTTP answer at all (fabric8 says only "An error has occurred." for a refused connection)
      return "the Kubernetes API server could not be reached ("
          + (k.getCause() != null ? k.getCause().toString() : message)
          + "); check --kubeconfig, --kube-context or $KUBECONFIG and the network, or use --local"
          + " for local mode";
    }
    return message == null || message.isBlank() ? ex.toString() : message;
  }

  private static boolean verbose(CommandSpec spec) {
    return GlobalOptions.of(spec).map(GlobalOptions::verbose).orElse(false);
  }
}
