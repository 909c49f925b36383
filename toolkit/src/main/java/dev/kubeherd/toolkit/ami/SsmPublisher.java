package dev.kubeherd.toolkit.ami;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/**
 * Publishes the AMI id to an SSM parameter in each region (PutParameter, overwrite, data type
 * {@code aws:ec2:image}) and labels the new parameter version with the Flatcar release, so an
 * earlier AMI stays findable as {@code NAME:flatcar-<version>}.
 */
public final class SsmPublisher {
  private final Function<String, SsmClient> ssm;

  public SsmPublisher(Function<String, SsmClient> ssm) {
    this.ssm = ssm;
  }

  /** The parameter label for a Flatcar release: {@code flatcar-4152.2.3}. */
  public static String label(String flatcarVersion) {
    return "flatcar-" + flatcarVersion;
  }

  /**
   * Puts {@code amis} (region → AMI id) to {@code name} and labels each new version.
   *
   * @return region → the parameter version written
   */
  public Map<String, Long> publish(String name, Map<String, String> amis, String label) {
    Map<String, Long> versions = new LinkedHashMap<>();
    amis.forEach(
        (region, ami) -> {
          SsmClient client = ssm.apply(region);
          PutParameterResponse put =
              client.putParameter(
                  b ->
                      b.name(name)
                          .value(ami)
                          .type(ParameterType.STRING)
                          .dataType("aws:ec2:image")
                          .overwrite(true)
                          .description("kubeherd node AMI (" + label + ")"));
          client.labelParameterVersion(
              b -> b.name(name).parameterVersion(put.version()).labels(label));
          versions.put(region, put.version());
        });
    return versions;
  }
}
