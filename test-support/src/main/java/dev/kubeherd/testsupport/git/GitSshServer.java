package dev.kubeherd.testsupport.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH git server on loopback for tests (Apache MINA sshd, as bundled by JGit's ssh.apache):
 * public key authentication against the given keys, and {@code git-upload-pack '/NAME'} served with
 * JGit's {@link UploadPack} from {@code root/NAME}. Host key in memory. Either plain keys are
 * authorized, or ({@link #trustingUserCa}) only OpenSSH user certificates signed by a CA, as an
 * OpenSSH server with {@code TrustedUserCAKeys} and no authorized keys.
 */
public final class GitSshServer implements AutoCloseable {
  private final SshServer sshd;
  private final PublicKey hostKey;

  /** Serves the repositories under {@code root} to clients holding one of {@code authorized}. */
  public GitSshServer(Path root, List<PublicKey> authorized) throws Exception {
    this(
        root,
        (user, key, session) -> authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
  }

  /**
   * Serves the repositories under {@code root} only to clients presenting a user certificate signed
   * by {@code userCa} that names the login user among its principals; no plain key is accepted.
   * (MINA sshd checks the certificate's type, validity period and CA signature before asking.)
   */
  public static GitSshServer trustingUserCa(Path root, PublicKey userCa) throws Exception {
    return new GitSshServer(
        root,
        (user, key, session) ->
            key instanceof OpenSshCertificate cert
                && KeyUtils.compareKeys(userCa, cert.getCaPubKey())
                && cert.getPrincipals().contains(user));
  }

  private GitSshServer(Path root, PublickeyAuthenticator authenticator) throws Exception {
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider();
    sshd.setKeyPairProvider(hostKeys);
    sshd.setPublickeyAuthenticator(authenticator);
    sshd.setCommandFactory((channel, command) -> new UploadPackCommand(root, command));
    sshd.start();
    KeyPair host = hostKeys.loadKeys(null).iterator().next();
    hostKey = host.getPublic();
  }

  public int port() {
    return sshd.getPort();
  }

  /** {@code ssh://git@127.0.0.1:PORT/NAME}. */
  public String url(String name) {
    return "ssh://git@127.0.0.1:" + port() + "/" + name;
  }

  /** A known_hosts line for this server. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey);
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  /** {@code git-upload-pack '/NAME'} on a thread of its own. */
  private static final class UploadPackCommand implements Command {
    private final Path root;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadPackCommand(Path root, String command) {
      this.root = root;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread thread = new Thread(this::serve, "test-upload-pack");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      if (!command.startsWith("git-upload-pack ")) {
        exit.onExit(127, "only git-upload-pack is served");
        return;
      }
      String name = command.substring("git-upload-pack ".length()).replace("'", "");
      Path dir = root.resolve(name.replaceFirst("^/+", "")).normalize();
      if (!dir.startsWith(root)) {
        exit.onExit(1, "outside the served root");
        return;
      }
      try (Repository repo =
          new FileRepositoryBuilder()
              .setGitDir(dir.resolve(".git").toFile())
              .setMustExist(true)
              .build()) {
        new UploadPack(repo).upload(in, out, err);
        out.flush();
        exit.onExit(0);
      } catch (IOException | RuntimeException e) {
        exit.onExit(1, String.valueOf(e.getMessage()));
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
