package dev.kubeherd.toolkit.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A stand-in for GitHub's smart-HTTP git endpoint on loopback (plain HTTP: the token path is the
 * same as over TLS): basic auth with one user and token, then {@code info/refs} and {@code
 * git-upload-pack} (stateless RPC, protocol v0) served by JGit's {@link UploadPack} from {@code
 * root/NAME}. Records the {@code Authorization} headers it saw. {@link #afterFirstAdvertisement}
 * runs once, right after the first {@code info/refs} (a client's ls-remote), so a test can push
 * between a client's ls-remote and its fetch.
 */
final class GitHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private final String expected;
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicBoolean advertised = new AtomicBoolean();
  volatile Callable<?> afterFirstAdvertisement = () -> null;

  GitHttpServer(Path root, String user, String token) throws IOException {
    this.root = root;
    this.expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.equals(expected)) {
        if (auth != null) {
          authorizations.add(auth);
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      authorizations.add(auth);
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/info/refs")) {
        advertise(exchange, repoName(path, "/info/refs"));
      } else if (path.endsWith("/git-upload-pack")) {
        uploadPack(exchange, repoName(path, "/git-upload-pack"));
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private static String repoName(String path, String suffix) {
    return path.substring(1, path.length() - suffix.length());
  }

  private Repository open(String name) throws IOException {
    return new FileRepositoryBuilder()
        .setGitDir(root.resolve(name).resolve(".git").toFile())
        .setMustExist(true)
        .build();
  }

  private void advertise(HttpExchange exchange, String name) throws IOException {
    try (Repository repo = open(name)) {
      exchange
          .getResponseHeaders()
          .add("Content-Type", "application/x-git-upload-pack-advertisement");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      PacketLineOut pkt = new PacketLineOut(out);
      pkt.writeString("# service=git-upload-pack\n");
      pkt.end();
      UploadPack up = new UploadPack(repo);
      up.setBiDirectionalPipe(false);
      up.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(pkt));
      out.flush();
    }
    if (!advertised.getAndSet(true)) {
      try {
        afterFirstAdvertisement.call();
      } catch (Exception e) {
        throw new IOException("the test's push after the first advertisement failed", e);
      }
    }
  }

  private void uploadPack(HttpExchange exchange, String name) throws IOException {
    try (Repository repo = open(name)) {
      InputStream in = exchange.getRequestBody();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
      exchange.sendResponseHeaders(200, 0);
      UploadPack up = new UploadPack(repo);
      up.setBiDirectionalPipe(false);
      up.upload(in, exchange.getResponseBody(), null);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
