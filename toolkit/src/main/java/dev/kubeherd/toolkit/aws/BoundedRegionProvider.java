package dev.kubeherd.toolkit.aws;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/**
 * A region provider given at most {@code limit}: the instance metadata service retries for several
 * seconds when it cannot be reached, and a command off EC2 should not wait for it. The abandoned
 * lookup ends on its own (a virtual thread), its answer unused.
 */
final class BoundedRegionProvider implements AwsRegionProvider {
  private final AwsRegionProvider delegate;
  private final Duration limit;

  BoundedRegionProvider(AwsRegionProvider delegate, Duration limit) {
    this.delegate = delegate;
    this.limit = limit;
  }

  /**
   * @throws SdkClientException when the delegate finds none, fails, or takes longer than the limit
   */
  @Override
  public Region getRegion() {
    CompletableFuture<Region> lookup = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                lookup.complete(delegate.getRegion());
              } catch (RuntimeException e) {
                lookup.completeExceptionally(e);
              }
            });
    try {
      return lookup.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw SdkClientException.create("no region from " + delegate + " within " + limit, e);
    } catch (ExecutionException e) {
      throw SdkClientException.create("no region from " + delegate, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SdkClientException.create("interrupted asking " + delegate + " for the region", e);
    }
  }
}
