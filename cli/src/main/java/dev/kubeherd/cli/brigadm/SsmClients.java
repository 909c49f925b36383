package dev.kubeherd.cli.brigadm;

import dev.kubeherd.toolkit.ami.AwsClients;
import dev.kubeherd.toolkit.aws.AwsRegion;
import dev.kubeherd.toolkit.ssm.SsmParameters;
import java.util.Map;
import java.util.Optional;

/** Opens {@link SsmParameters} for the resolved region, with the process's AWS credentials. */
final class SsmClients implements AutoCloseable {
  private final AwsClients aws;
  private final SsmParameters parameters;

  SsmClients(Map<String, String> env, Optional<String> region) {
    String resolved = AwsRegion.resolve(region, env);
    this.aws = AwsClients.fromEnvironment(env);
    this.parameters = new SsmParameters(aws.ssm(resolved), resolved);
  }

  SsmParameters parameters() {
    return parameters;
  }

  @Override
  public void close() {
    aws.close();
  }
}
