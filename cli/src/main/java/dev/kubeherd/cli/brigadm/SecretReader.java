package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the values a pipeline install needs (SSH key, token, shared secret) from SSM parameters or
 * files, into memory only; AWS is contacted only when a parameter is asked for.
 */
public final class SecretReader implements AutoCloseable {
  private final BrigApp app;
  private final Optional<String> region;
  private SsmClients ssm;

  public SecretReader(BrigApp app, Optional<String> region) {
    this.app = app;
    this.region = region;
  }

  /** The decrypted value of SSM parameter {@code name} (exit 3 naming it when missing). */
  public String parameter(String name) {
    if (ssm == null) {
      ssm = new SsmClients(app.env(), region);
    }
    return ssm.parameters().get(name);
  }

  /** An optional SSM parameter's value. */
  public Optional<String> parameter(Optional<String> name) {
    return name.map(this::parameter);
  }

  /**
   * A file's content, e.g. a deploy key or a default script.
   *
   * @param flag the option that named it, for the message
   */
  public static String file(String flag, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING, flag + " " + file + ": no such file; check the path");
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING, flag + " " + file + ": cannot read: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (ssm != null) {
      ssm.close();
    }
  }
}
