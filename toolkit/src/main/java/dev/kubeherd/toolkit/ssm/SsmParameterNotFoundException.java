package dev.kubeherd.toolkit.ssm;

/** The parameter does not exist in the region (exit code 3). */
public final class SsmParameterNotFoundException extends SsmParameterException {
  SsmParameterNotFoundException(String parameter, String region, Throwable cause) {
    super(
        parameter,
        "SSM parameter "
            + parameter
            + " not found in "
            + region
            + "; create it with 'brigadm ssm put "
            + parameter
            + " --value-from-file FILE' or check the name and region",
        cause);
  }
}
