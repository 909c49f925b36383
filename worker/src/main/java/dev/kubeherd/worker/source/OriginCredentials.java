package dev.kubeherd.worker.source;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers with the project's credentials only for URIs on the cloneURL's origin; for any other (a
 * submodule elsewhere, a redirect) it has none, so JGit sends nothing there.
 */
final class OriginCredentials extends CredentialsProvider {
  private final CloneOrigin origin;
  private final CredentialsProvider delegate;

  OriginCredentials(CloneOrigin origin, CredentialsProvider delegate) {
    this.origin = origin;
    this.delegate = delegate;
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    return delegate.supports(items);
  }

  @Override
  public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    return uri != null && origin.covers(uri) && delegate.get(uri, items);
  }

  @Override
  public void reset(URIish uri) {
    delegate.reset(uri);
  }
}
