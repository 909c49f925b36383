package dev.kubeherd.toolkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void plainWordsStayAsTheyAre() {
    assertThat(ShellWords.join(List.of("kubeherd", "--path", "/src/environments/test", "a=b:c")))
        .isEqualTo("kubeherd --path /src/environments/test a=b:c");
  }

  @Test
  void anythingElseIsSingleQuotedWithQuotesEscaped() {
    assertThat(ShellWords.quote("")).isEqualTo("''");
    assertThat(ShellWords.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellWords.quote("it's")).isEqualTo("'it'\"'\"'s'");
    assertThat(ShellWords.quote("$(rm -rf /)")).isEqualTo("'$(rm -rf /)'");
  }

  @Test
  void aRealShellGetsBackExactlyTheWords() throws Exception {
    List<String> words =
        List.of("x", "it's", "$(touch /tmp/pwned)", "`id`", "a;b", "\"q\"", "new\nline", "", "*");
    List<String> argv = new ArrayList<>(List.of("sh", "-c"));
    argv.add("printf '%s\\0' " + ShellWords.join(words));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isZero();
    assertThat(out).endsWith("\0");
    assertThat(out.substring(0, out.length() - 1).split("\0", -1))
        .containsExactly(words.toArray(String[]::new));
  }
}
