package dev.kubeherd.cli;

import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * The one place exit codes are decided (brig v1): 0 ok, 1 usage and lookup errors, 2 the build ran
 * and failed.
 */
public final class ExitCodes implements IExitCodeExceptionMapper {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int BUILD_FAILED = 2;

  @Override
  public int getExitCode(Throwable exception) {
    return exception instanceof BuildFailedException ? BUILD_FAILED : ERROR;
  }
}
