package dev.kubeherd.toolkit.ami;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The EC2, SSM and Auto Scaling clients of one run, one per region, made on first use and closed
 * together. All share one URL-connection HTTP client (no Netty, no Apache client).
 */
public final class AwsClients implements AutoCloseable {
  /**
   * Endpoint override for every service (the SDK's own variable name); tests point it at a stub.
   */
  public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL";

  private final Optional<URI> endpoint;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

  public AwsClients(Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  /**
   * From the environment: {@code AWS_ENDPOINT_URL} overrides the endpoints; {@code
   * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}) in {@code env}
   * are used as they are, otherwise the SDK's default chain (profiles, web identity/IRSA, instance
   * role) decides.
   */
  public static AwsClients fromEnvironment(Map<String, String> env) {
    Optional<URI> endpoint =
        Optional.ofNullable(env.get(ENDPOINT_ENV)).filter(s -> !s.isBlank()).map(URI::create);
    return new AwsClients(endpoint, credentials(env));
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String token = env.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(
        token == null || token.isBlank()
            ? AwsBasicCredentials.create(key, secret)
            : AwsSessionCredentials.create(key, secret, token));
  }

  public Ec2Client ec2(String region) {
    return client("ec2", region, Ec2Client.class, Ec2Client.builder());
  }

  public SsmClient ssm(String region) {
    return client("ssm", region, SsmClient.class, SsmClient.builder());
  }

  public AutoScalingClient autoScaling(String region) {
    return client("autoscaling", region, AutoScalingClient.class, AutoScalingClient.builder());
  }

  private <C extends SdkClient, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>>
      C client(String service, String region, Class<C> type, B builder) {
    return type.cast(
        clients.computeIfAbsent(
            service + "@" + region,
            k -> {
              builder.region(Region.of(region)).credentialsProvider(credentials);
              endpoint.ifPresent(builder::endpointOverride);
              builder.httpClient(http);
              return builder.build();
            }));
  }

  @Override
  public void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
    http.close();
  }
}
