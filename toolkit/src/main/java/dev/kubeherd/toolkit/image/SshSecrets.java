package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The secret values of a (copied) SSH directory: the content of each of its files except the public
 * ones ({@code *.pub}, {@code known_hosts*}, {@code authorized_keys*}, {@code config}), which a
 * build may copy into an image on purpose ({@code /etc/ssh/ssh_known_hosts}, say). Every other file
 * counts as secret, whatever its format: a private key, a token, a password file.
 */
final class SshSecrets {
  private SshSecrets() {}

  /**
   * @param copy the private copy of the SSH directory
   * @param shownAs the directory the user gave, to name the files in messages
   */
  static List<SecretValue> of(Path copy, Path shownAs) throws IOException {
    try (Stream<Path> files = Files.walk(copy)) {
      List<Path> secret =
          files.filter(Files::isRegularFile).filter(f -> !isPublic(f)).sorted().toList();
      List<SecretValue> values = new ArrayList<>();
      for (Path f : secret) {
        values.add(
            SecretValue.ofFile(
                "the SSH directory's file " + shownAs.resolve(copy.relativize(f)),
                Files.readAllBytes(f)));
      }
      return values;
    }
  }

  static boolean isPublic(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".pub")
        || name.startsWith("known_hosts")
        || name.startsWith("authorized_keys")
        || name.equals("config");
  }
}
