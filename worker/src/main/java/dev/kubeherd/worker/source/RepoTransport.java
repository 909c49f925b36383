package dev.kubeherd.worker.source;

import dev.kubeherd.core.KubeherdException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * The project's credentials applied to JGit commands, as v1's git sidecar applies them: the {@code
 * sshKey} to SSH URLs (from memory only: no key file, no ~/.ssh keys, config or known_hosts, no
 * host key checking; the SSH home is a private 0700 temp directory deleted on close), the {@code
 * github.token} to HTTP(S) URLs as basic auth. Other URLs ({@code file:}) get neither. Both go only
 * to the cloneURL's scheme, host and port ({@link CloneOrigin}): a submodule or redirect to another
 * host gets no token, and SSH to another host does not use the key (JGit's default SSH setup
 * applies there, as for a project without sshKey).
 */
final class RepoTransport implements AutoCloseable {
  /** The user name GitHub expects with installation tokens; any name works with PATs. */
  static final String TOKEN_USER = "x-access-token";

  private final CloneOrigin origin;
  private final CredentialsProvider token;
  private final SshdSessionFactory ssh;
  private final Path sshHome;

  private RepoTransport(
      CloneOrigin origin, CredentialsProvider token, SshdSessionFactory ssh, Path sshHome) {
    this.origin = origin;
    this.token = token == null ? null : new OriginCredentials(origin, token);
    this.ssh = ssh;
    this.sshHome = sshHome;
  }

  /** What applies to {@code url}: the key for SSH, the token for HTTP(S), else nothing. */
  enum Kind {
    SSH_KEY,
    TOKEN,
    NONE
  }

  static Kind kind(String url, CheckoutSettings settings) {
    String scheme = scheme(url);
    if (scheme.contains("ssh") && !settings.sshKey().isEmpty()) {
      return Kind.SSH_KEY;
    }
    if (scheme.startsWith("http") && !settings.token().isEmpty()) {
      return Kind.TOKEN;
    }
    return Kind.NONE;
  }

  static RepoTransport open(String url, CheckoutSettings settings) {
    CloneOrigin origin = CloneOrigin.of(url);
    return switch (kind(url, settings)) {
      case SSH_KEY -> ssh(origin, keyPairs(settings.sshKey()));
      case TOKEN ->
          new RepoTransport(
              origin,
              new UsernamePasswordCredentialsProvider(TOKEN_USER, settings.token()),
              null,
              null);
      case NONE -> new RepoTransport(origin, null, null, null);
    };
  }

  /**
   * Whether the project's key or token is offered to {@code uri}: only on the cloneURL's origin.
   */
  boolean offersCredentialsTo(URIish uri) {
    return (token != null || ssh != null) && origin.covers(uri);
  }

  /** Applies the credentials to a fetch, ls-remote or submodule update, for the origin only. */
  <C extends TransportCommand<C, ?>> C apply(C command) {
    if (ssh != null) {
      command.setTransportConfigCallback(
          transport -> {
            if (transport instanceof SshTransport sshTransport
                && origin.covers(transport.getURI())) {
              sshTransport.setSshSessionFactory(ssh);
            }
          });
    }
    if (token != null) {
      command.setCredentialsProvider(token);
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

  /** {@code ssh} for {@code ssh://} and scp-like {@code git@host:path}; {@code file} for paths. */
  private static String scheme(String url) {
    try {
      URIish uri = new URIish(url);
      if (uri.getScheme() != null) {
        return uri.getScheme().toLowerCase(Locale.ROOT);
      }
      return uri.getHost() != null ? "ssh" : "file";
    } catch (java.net.URISyntaxException e) {
      return "unknown";
    }
  }

  private static RepoTransport ssh(CloneOrigin origin, List<KeyPair> keys) {
    Path home = privateDir();
    SshdSessionFactory factory =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(home.toFile())
            .setSshDirectory(home.resolve(".ssh").toFile())
            .setConfigStoreFactory((h, f, u) -> null)
            .setDefaultKeysProvider(dir -> keys)
            .setDefaultIdentities(dir -> List.of())
            .setDefaultKnownHostsFiles(dir -> List.of())
            .setServerKeyDatabase((h, s) -> new AcceptAnyHostKey())
            .setPreferredAuthentications("publickey")
            .setConnectorFactory(null)
            .build(null);
    return new RepoTransport(origin, null, factory, home);
  }

  /**
   * The key pairs in the project's {@code sshKey}.
   *
   * @throws KubeherdException naming the setting (never the key) when it is not a usable key
   */
  static List<KeyPair> keyPairs(String sshKey) {
    List<KeyPair> pairs = new ArrayList<>();
    String why = "no private key found";
    try {
      SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName("the project's sshKey"),
              new ByteArrayInputStream(sshKey.getBytes(StandardCharsets.UTF_8)),
              null)
          .forEach(pairs::add);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      why = e.getClass().getSimpleName();
    }
    if (pairs.isEmpty()) {
      throw new KubeherdException(
          "the project's sshKey is not a usable private key ("
              + why
              + "); set sshKey to an OpenSSH or PEM private key without passphrase");
    }
    return pairs;
  }

  private static Path privateDir() {
    try {
      return Files.createTempDirectory(
          "kubeherd-ssh-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new KubeherdException(
          "cannot create a private temporary directory for SSH: "
              + e.getMessage()
              + "; check java.io.tmpdir",
          e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(RepoTransport::deleteQuietly);
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

  /** As v1's sidecar ({@code StrictHostKeyChecking=no}): every host key is accepted. */
  private static final class AcceptAnyHostKey implements ServerKeyDatabase {
    @Override
    public List<PublicKey> lookup(
        String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
      return List.of();
    }

    @Override
    public boolean accept(
        String connectAddress,
        InetSocketAddress remoteAddress,
        PublicKey serverKey,
        Configuration config,
        CredentialsProvider provider) {
      return true;
    }
  }
}
