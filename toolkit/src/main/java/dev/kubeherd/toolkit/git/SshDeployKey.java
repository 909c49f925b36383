package dev.kubeherd.toolkit.git;

import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A git deploy key (an OpenSSH or PEM private key without passphrase), held in memory only: read
 * from a file or handed over as text (e.g. from an SSM parameter) and never written anywhere.
 * {@link #toString()} names only where it came from.
 */
public final class SshDeployKey {
  private final byte[] key;
  private final String source;

  private SshDeployKey(byte[] key, String source) {
    this.key = key;
    this.source = source;
  }

  /**
   * @param source where it came from, for messages: {@code SSM parameter /kubeherd/deploy-key}
   */
  public static SshDeployKey of(String privateKey, String source) {
    return new SshDeployKey(privateKey.getBytes(StandardCharsets.UTF_8), source);
  }

  /**
   * @throws GitAccessException (exit code 2) when the file does not exist or cannot be read
   */
  public static SshDeployKey fromFile(Path file) {
    try {
      return new SshDeployKey(Files.readAllBytes(file), "file " + file);
    } catch (NoSuchFileException e) {
      throw new GitAccessException(
          ToolkitExitCodes.INPUT_MISSING, "deploy key file " + file + " does not exist");
    } catch (IOException e) {
      throw new GitAccessException(
          ToolkitExitCodes.INPUT_MISSING,
          "cannot read deploy key file " + file + ": " + e.getMessage());
    }
  }

  /** Where the key came from (never the key). */
  public String source() {
    return source;
  }

  /**
   * The key pairs in the key text.
   *
   * @throws GitAccessException (exit code 2) when it is not an unencrypted private key
   */
  List<KeyPair> keyPairs() {
    List<KeyPair> pairs = new ArrayList<>();
    try {
      SecurityUtils.loadKeyPairIdentities(
              null, NamedResource.ofName(source), new ByteArrayInputStream(key), null)
          .forEach(pairs::add);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw unreadable(e);
    }
    if (pairs.isEmpty()) {
      throw unreadable(null);
    }
    return pairs;
  }

  private GitAccessException unreadable(Exception e) {
    String why = e == null ? "no private key found" : e.getClass().getSimpleName();
    return new GitAccessException(
        ToolkitExitCodes.INPUT_MISSING,
        "the deploy key from "
            + source
            + " is not a usable private key ("
            + why
            + "); it must be an OpenSSH or PEM private key without passphrase");
  }

  /** Overwrites the key in memory; the object is unusable afterwards. */
  void wipe() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "SshDeployKey[" + source + "]";
  }
}
