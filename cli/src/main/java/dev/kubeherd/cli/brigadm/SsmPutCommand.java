package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.ssm.ParameterKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brigadm ssm put NAME VALUE|--value-from-file F}: stores a value as {@code SecureString}
 * (unless {@code --type String}), overwriting. {@code --value-from-file} (or {@code -} for standard
 * input) keeps keys and tokens out of the process list and shell history.
 */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Store a value in an SSM parameter (SecureString unless --type String), overwriting.",
      "Prefer --value-from-file for keys and tokens: a VALUE argument is visible to other"
          + " processes. The value is never printed or logged.",
      "Needs ssm:PutParameter on the parameter (and kms:GenerateDataKey on a --kms-key-id)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stored",
      "1:usage error",
      "2:the --value-from-file file does not exist",
      "3:access denied or the AWS call failed"
    })
public final class SsmPutCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Parameter name.")
  String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "VALUE",
      description = "The value (or use --value-from-file).")
  String value;

  @Option(
      names = "--value-from-file",
      paramLabel = "FILE",
      description = "Read the value from FILE, byte for byte ('-' = standard input).")
  String valueFile;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      defaultValue = "SecureString",
      description = "SecureString or String (clear text) (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(
      names = "--kms-key-id",
      paramLabel = "KEY",
      description = "KMS key for a SecureString (default: KUBEHERD_KMS_KEY_ID, else aws/ssm).")
  String kmsKeyId;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region (default: KUBEHERD_REGION, kubeherd.yaml, $AWS_REGION,"
              + " $AWS_DEFAULT_REGION, else the AWS profile's region).")
  String region;

  public SsmPutCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() {
    ParameterKind kind = kind();
    if (kind != ParameterKind.SECURE_STRING
        && spec.commandLine().getParseResult().hasMatchedOption("--kms-key-id")) {
      throw new ParameterException(
          spec.commandLine(), "--kms-key-id applies only to --type SecureString");
    }
    Optional<String> kms =
        kind == ParameterKind.SECURE_STRING ? Optional.ofNullable(kmsKeyId) : Optional.empty();
    String content = content();
    long version;
    try (SsmClients ssm = new SsmClients(app.env(), Optional.ofNullable(region))) {
      version = ssm.parameters().put(name, content, kind, kms);
    }
    if (kind == ParameterKind.STRING) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "Warning: "
              + name
              + " is stored as String, in clear text; use SecureString (the default) for keys"
              + " and tokens");
      err.flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(name + ": version " + version + " (" + kind.awsName() + ")");
    out.flush();
    return ExitCodes.OK;
  }

  private ParameterKind kind() {
    try {
      return ParameterKind.of(type);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--type: " + e.getMessage());
    }
  }

  private String content() {
    if ((value == null) == (valueFile == null)) {
      throw new ParameterException(
          spec.commandLine(), "give the value either as VALUE or with --value-from-file FILE");
    }
    if (value != null) {
      return value;
    }
    try {
      return "-".equals(valueFile) ? readAll(app.input()) : readFile(Path.of(valueFile));
    } catch (NoSuchFileException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING,
          "value file " + valueFile + " does not exist; nothing was stored");
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING,
          "cannot read value file " + valueFile + ": " + e.getMessage() + "; nothing was stored");
    }
  }

  private static String readFile(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String readAll(Reader in) throws IOException {
    StringWriter all = new StringWriter();
    in.transferTo(all);
    return all.toString();
  }
}
