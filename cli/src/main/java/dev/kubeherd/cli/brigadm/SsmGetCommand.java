package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.toolkit.ssm.SsmParameterNotFoundException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brigadm ssm get NAME}: prints the parameter's decrypted value exactly as stored, without a
 * trailing newline ({@code $(brigadm ssm get NAME)} and {@code > key} both keep it intact).
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Print an SSM parameter's value, decrypted, without a trailing newline.",
      "GetParameter with WithDecryption=true: needs ssm:GetParameter on the parameter and"
          + " kms:Decrypt on its key."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed",
      "1:usage error",
      "3:access is denied, or the AWS call failed",
      "6:the parameter (or the version asked for) does not exist"
    })
public final class SsmGetCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Parameter name.")
  String name;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region (default: KUBEHERD_REGION, kubeherd.yaml, $AWS_REGION,"
              + " $AWS_DEFAULT_REGION, else the AWS profile's region).")
  String region;

  public SsmGetCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() {
    String value;
    try (SsmClients ssm = new SsmClients(app.env(), Optional.ofNullable(region))) {
      value = ssm.parameters().get(name);
    } catch (SsmParameterNotFoundException e) {
      throw e.asParameterNotFound();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(value);
    out.flush();
    return ExitCodes.OK;
  }
}
