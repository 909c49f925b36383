package dev.kubeherd.cli;

import dev.kubeherd.toolkit.ToolkitException;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * The one place exit codes are decided (brig v1): 0 ok, 1 usage and lookup errors, 2 the build ran
 * and failed; toolkit commands add their own codes (e.g. {@code kubeherd build ami}: 3 no Flatcar
 * image, 4 packer failed, 5 instance refresh failed), carried by {@link ToolkitException}.
 */
public final class ExitCodes implements IExitCodeExceptionMapper {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int BUILD_FAILED = 2;

  @Override
  public int getExitCode(Throwable exception) {
    if (exception instanceof ParameterException
        && exception.getCause() instanceof ToolkitException) {
      // a toolkit config problem found while picocli applied defaults
      return getExitCode(exception.getCause());
    }
    if (exception instanceof ToolkitException toolkit) {
      return toolkit.exitCode();
    }
    return exception instanceof BuildFailedException ? BUILD_FAILED : ERROR;
  }
}
