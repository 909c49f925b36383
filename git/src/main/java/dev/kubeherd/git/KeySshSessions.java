package dev.kubeherd.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * JGit SSH sessions that authenticate with in-memory keys only: no key file, no ~/.ssh keys,
 * config, agent or known_hosts of the user; host keys are checked by the given database. The SSH
 * home is a private 0700 temp directory, deleted on {@link #close()}. A key pair whose public key
 * is an OpenSSH user certificate ({@code OpenSshCertificate}) is presented as that certificate,
 * signed with the pair's private key (MINA sshd's client does this for session identities).
 */
public final class KeySshSessions implements AutoCloseable {
  private static final String PREFIX = "kubeherd-ssh-";
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final SshdSessionFactory factory;
  private final Path home;

  private KeySshSessions(Path home, List<KeyPair> keys, ServerKeyDatabase hosts) {
    this.home = home;
    this.factory =
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
  }

  /**
   * Sessions with their SSH home in {@code java.io.tmpdir}.
   *
   * @throws IOException when the private directory cannot be created
   */
  public static KeySshSessions inTempDir(List<KeyPair> keys, ServerKeyDatabase hosts)
      throws IOException {
    return new KeySshSessions(Files.createTempDirectory(PREFIX, PRIVATE), keys, hosts);
  }

  /**
   * Sessions with their SSH home in {@code parent}, which is created if missing.
   *
   * @throws IOException when {@code parent} or the private directory cannot be created
   */
  public static KeySshSessions in(Path parent, List<KeyPair> keys, ServerKeyDatabase hosts)
      throws IOException {
    Files.createDirectories(parent);
    return new KeySshSessions(Files.createTempDirectory(parent, PREFIX, PRIVATE), keys, hosts);
  }

  /** Makes {@code command} use these sessions for SSH URIs that {@code where} accepts. */
  public <C extends TransportCommand<C, ?>> C apply(C command, Predicate<URIish> where) {
    command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport sshTransport && where.test(transport.getURI())) {
            sshTransport.setSshSessionFactory(factory);
          }
        });
    return command;
  }

  /**
   * Makes {@code command} use these sessions for SSH URIs that {@code where} accepts and {@code
   * elsewhere} for all other SSH URIs, so that none falls back to JGit's default SSH setup (the
   * user's ~/.ssh keys, config and agent).
   */
  public <C extends TransportCommand<C, ?>> C apply(
      C command, Predicate<URIish> where, KeySshSessions elsewhere) {
    command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(
                where.test(transport.getURI()) ? factory : elsewhere.factory);
          }
        });
    return command;
  }

  /** The private SSH home, deleted on close. */
  Path home() {
    return home;
  }

  @Override
  public void close() {
    factory.close();
    deleteTree(home);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(KeySshSessions::deleteQuietly);
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
