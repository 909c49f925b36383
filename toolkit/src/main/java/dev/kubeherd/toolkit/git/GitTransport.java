package dev.kubeherd.toolkit.git;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * The credentials of one git operation, applied to JGit commands. SSH uses only the deploy key
 * (from memory: no ~/.ssh keys, config, agent or known_hosts of the user) with an SSH home in a
 * private 0700 temp directory that is deleted on close; HTTPS sends the token as basic-auth
 * password.
 */
final class GitTransport implements AutoCloseable {
  private final GitAuth auth;
  private final SshdSessionFactory ssh;
  private final Path sshHome;

  private GitTransport(GitAuth auth, SshdSessionFactory ssh, Path sshHome) {
    this.auth = auth;
    this.ssh = ssh;
    this.sshHome = sshHome;
  }

  static GitTransport open(GitAuth auth, Path scratch, Consumer<String> log) {
    if (!(auth instanceof GitAuth.SshKey key)) {
      return new GitTransport(auth, null, null);
    }
    List<KeyPair> keys = key.key().keyPairs();
    ServerKeyDatabase hosts =
        key.hostKeys()
            .knownHosts()
            .<ServerKeyDatabase>map(KnownHostsDatabase::new)
            .orElseGet(() -> new AcceptAnyHostKey(log));
    Path home = privateDir(scratch);
    SshdSessionFactory factory =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(home.toFile())
            .setSshDirectory(home.resolve(".ssh").toFile())
            .setConfigStoreFactory((h, f, u) -> null)
            .setDefaultKeysProvider(dir -> keys)
            .setDefaultIdentities(dir -> List.of())
            .setDefaultKnownHostsFiles(dir -> List.of())
            .setServerKeyDatabase((h, s) -> hosts)
            .setPreferredAuthentications("publickey")
            .setConnectorFactory(null)
            .build(null);
    return new GitTransport(auth, factory, home);
  }

  /** Applies the credentials to a fetch or ls-remote. */
  <C extends TransportCommand<C, ?>> C apply(C command) {
    if (ssh != null) {
      command.setTransportConfigCallback(
          transport -> {
            if (transport instanceof SshTransport sshTransport) {
              sshTransport.setSshSessionFactory(ssh);
            }
          });
    }
    if (auth instanceof GitAuth.Token token) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(token.token().username(), token.token().token()));
    }
    return command;
  }

  @Override
  public void close() {
    if (ssh != null) {
      ssh.close();
      deleteTree(sshHome);
    }
  }

  private static Path privateDir(Path scratch) {
    try {
      Files.createDirectories(scratch);
      return Files.createTempDirectory(
          scratch,
          "kubeherd-ssh-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR,
          "cannot create a private directory in " + scratch + ": " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(GitTransport::deleteQuietly);
    } catch (IOException e) {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // nothing secret is kept there; a leftover empty directory is harmless
    }
  }
}
