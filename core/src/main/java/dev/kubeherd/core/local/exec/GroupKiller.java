package dev.kubeherd.core.local.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Sends SIGKILL to process groups through one long-lived {@code sh}, whose {@code kill} is a
 * builtin: a job's end costs a line on a pipe instead of starting a {@code kill} process (which
 * would cost about as much as the job itself when jobs are trivial). Each request waits for the
 * shell's acknowledgement, so the signal has been sent when {@link #kill} returns. The shell ends
 * when the JVM does (its input closes).
 */
final class GroupKiller {
  private static final String LOOP =
      "while read -r g; do kill -s KILL -- \"-$g\" 2>/dev/null; echo; done";

  private Process shell;
  private Writer requests;
  private BufferedReader acks;

  /** True once the signal has been sent (or the group was already gone); false if it could not. */
  synchronized boolean kill(long pgid) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        if (shell == null || !shell.isAlive()) {
          start();
        }
        requests.write(pgid + "\n");
        requests.flush();
        if (acks.readLine() != null) {
          return true;
        }
      } catch (IOException e) {
        // the shell died: start a new one once, then let the caller fall back
      }
      stop();
    }
    return false;
  }

  private void start() throws IOException {
    shell =
        new ProcessBuilder("/bin/sh", "-c", LOOP)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    requests = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII);
    acks =
        new BufferedReader(
            new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII));
  }

  private void stop() {
    if (shell != null) {
      shell.destroyForcibly();
      shell = null;
    }
  }
}
