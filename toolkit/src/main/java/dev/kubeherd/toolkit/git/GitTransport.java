package dev.kubeherd.toolkit.git;

import dev.kubeherd.git.AcceptAnyHostKey;
import dev.kubeherd.git.KeySshSessions;
import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The credentials of one git operation, applied to JGit commands. SSH uses only the deploy key
 * (from memory: no ~/.ssh keys, config, agent or known_hosts of the user) with an SSH home in a
 * private 0700 temp directory that is deleted on close ({@link KeySshSessions}); HTTPS sends the
 * token as basic-auth password.
 */
final class GitTransport implements AutoCloseable {
  private final GitAuth auth;
  private final KeySshSessions ssh;

  private GitTransport(GitAuth auth, KeySshSessions ssh) {
    this.auth = auth;
    this.ssh = ssh;
  }

  static GitTransport open(GitAuth auth, Path scratch, Consumer<String> log) {
    if (!(auth instanceof GitAuth.SshKey key)) {
      return new GitTransport(auth, null);
    }
    List<KeyPair> keys = key.key().keyPairs();
    ServerKeyDatabase hosts =
        key.hostKeys()
            .knownHosts()
            .<ServerKeyDatabase>map(KnownHostsDatabase::new)
            .orElseGet(() -> acceptAnyHostKey(log));
    try {
      return new GitTransport(auth, KeySshSessions.in(scratch, keys, hosts));
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR,
          "cannot create a private directory in " + scratch + ": " + e.getMessage());
    }
  }

  /** No host key checking: every key is accepted and its fingerprint reported. */
  private static AcceptAnyHostKey acceptAnyHostKey(Consumer<String> log) {
    return new AcceptAnyHostKey(
        (address, key) ->
            log.accept(
                "accepting host key "
                    + KeyUtils.getFingerPrint(key)
                    + " of "
                    + address
                    + " unchecked; pass --known-hosts to pin it"));
  }

  /** Applies the credentials to a fetch or ls-remote. */
  <C extends TransportCommand<C, ?>> C apply(C command) {
    if (ssh != null) {
      ssh.apply(command, uri -> true);
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
    }
  }
}
