package dev.kubeherd.worker.source;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.git.AcceptAnyHostKey;
import dev.kubeherd.git.KeySshSessions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The project's credentials applied to JGit commands, as v1's git sidecar applies them: the {@code
 * sshKey} to SSH URLs, offered first with its {@code sshCert} when one is set and usable ({@link
 * CertifiedKeys}; an unusable one is left out and {@link #certProblem} says why) and then alone
 * (from memory only: no key file, no ~/.ssh keys, config or known_hosts, no host key checking; the
 * SSH home is a private 0700 temp directory deleted on close), the {@code github.token} to HTTP(S)
 * URLs as basic auth. Other URLs ({@code file:}) get neither. Both go only to the cloneURL's
 * scheme, host and port ({@link CloneOrigin}): a submodule or redirect to another host gets no
 * token, and SSH to another host gets no key at all: with an sshKey it is offered neither the
 * project's key nor the user's ~/.ssh keys, config or agent (a keyless private session), so a pull
 * request's .gitmodules cannot borrow the local user's identity. Without an sshKey, JGit's default
 * SSH setup applies to every SSH URL, as it always did.
 */
final class RepoTransport implements AutoCloseable {
  /** The user name GitHub expects with installation tokens; any name works with PATs. */
  static final String TOKEN_USER = "x-access-token";

  private final CloneOrigin origin;
  private final CredentialsProvider token;
  private final KeySshSessions ssh;
  private final KeySshSessions keyless;
  private final Kind kind;
  private final Optional<String> certProblem;

  private RepoTransport(
      CloneOrigin origin,
      CredentialsProvider token,
      KeySshSessions ssh,
      KeySshSessions keyless,
      Kind kind,
      Optional<String> certProblem) {
    this.origin = origin;
    this.token = token == null ? null : new OriginCredentials(origin, token);
    this.ssh = ssh;
    this.keyless = keyless;
    this.kind = kind;
    this.certProblem = certProblem;
  }

  /**
   * What applies to {@code url}: the key (with its certificate, if set) for SSH, the token for
   * HTTP(S), else nothing.
   */
  enum Kind {
    SSH_KEY,
    SSH_KEY_AND_CERT,
    TOKEN,
    NONE
  }

  static Kind kind(String url, CheckoutSettings settings) {
    if (isSsh(url) && !settings.sshKey().isEmpty()) {
      return settings.sshCert().isEmpty() ? Kind.SSH_KEY : Kind.SSH_KEY_AND_CERT;
    }
    if (scheme(url).startsWith("http") && !settings.token().isEmpty()) {
      return Kind.TOKEN;
    }
    return Kind.NONE;
  }

  /** Whether {@code url} is an SSH URL ({@code ssh://}, scp-like {@code git@host:path}). */
  static boolean isSsh(String url) {
    return scheme(url).contains("ssh");
  }

  static RepoTransport open(String url, CheckoutSettings settings) {
    CloneOrigin origin = CloneOrigin.of(url);
    Kind kind = kind(url, settings);
    return switch (kind) {
      case SSH_KEY, SSH_KEY_AND_CERT ->
          ssh(origin, CertifiedKeys.of(keyPairs(settings.sshKey()), settings.sshCert()));
      case TOKEN ->
          new RepoTransport(
              origin,
              new UsernamePasswordCredentialsProvider(TOKEN_USER, settings.token()),
              null,
              null,
              kind,
              Optional.empty());
      case NONE -> new RepoTransport(origin, null, null, null, kind, Optional.empty());
    };
  }

  /**
   * What is offered to the cloneURL: {@link Kind#SSH_KEY} also when an sshCert is set but unusable.
   */
  Kind kind() {
    return kind;
  }

  /** Why the project's sshCert is not offered (never its value), when it is set but unusable. */
  Optional<String> certProblem() {
    return certProblem;
  }

  /**
   * Whether the project's key or token is offered to {@code uri}: only on the cloneURL's origin.
   */
  boolean offersCredentialsTo(URIish uri) {
    return (token != null || ssh != null) && origin.covers(uri);
  }

  /**
   * Applies the credentials to a fetch, ls-remote or submodule update, for the origin only; with an
   * sshKey, SSH elsewhere gets the keyless sessions.
   */
  <C extends TransportCommand<C, ?>> C apply(C command) {
    if (ssh != null) {
      ssh.apply(command, origin::covers, keyless);
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
    }
    if (keyless != null) {
      keyless.close();
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

  /** The key's sessions for the origin, keyless ones for SSH elsewhere. */
  private static RepoTransport ssh(CloneOrigin origin, CertifiedKeys keys) {
    KeySshSessions withKey = null;
    boolean withCert =
        keys.offered().stream().anyMatch(k -> k.getPublic() instanceof OpenSshCertificate);
    try {
      withKey = KeySshSessions.inTempDir(keys.offered(), new AcceptAnyHostKey());
      return new RepoTransport(
          origin,
          null,
          withKey,
          KeySshSessions.inTempDir(List.of(), new AcceptAnyHostKey()),
          withCert ? Kind.SSH_KEY_AND_CERT : Kind.SSH_KEY,
          keys.certProblem());
    } catch (IOException e) {
      if (withKey != null) {
        withKey.close();
      }
      throw new KubeherdException(
          "cannot create a private temporary directory for SSH: "
              + e.getMessage()
              + "; check java.io.tmpdir",
          e);
    }
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
}
