package dev.kubeherd.worker.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contexts prepared ahead of their build (the prewarmed one on another thread, later ones on
 * demand) read only the checkout their build binds, from the thread of that build.
 */
class PreparedContextTest {
  @TempDir Path dir;

  @Test
  void anUnboundCheckoutReadsNothingUntilItsBuildBindsIt() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Path file = Files.writeString(checkout.resolve("lib.mjs"), "export const x = 1;");
    CheckoutFileSystem files = CheckoutFileSystem.unbound();

    assertThatThrownBy(() -> files.checkAccess(file, Set.of(AccessMode.READ)))
        .isInstanceOf(NoSuchFileException.class);
    files.bind(checkout);
    files.checkAccess(file, Set.of(AccessMode.READ));
    assertThatThrownBy(() -> files.bind(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already bound");
  }

  @Test
  void thePrewarmedContextAndANewOneEachImportOnlyFromTheirOwnCheckout() throws Exception {
    Path a = checkout("a", "from-a");
    Path b = checkout("b", "from-b");
    ScriptEngines.prewarm();

    PreparedContext first = ScriptEngines.shared().context(a);
    PreparedContext second = ScriptEngines.shared().context(b);
    try (Context ca = first.context();
        Context cb = second.context()) {
      assertThat(ca).isNotSameAs(cb);
      assertThat(importValue(ca, a, "./lib.mjs")).isEqualTo("from-a");
      assertThat(importValue(cb, b, "./lib.mjs")).isEqualTo("from-b");
      assertThatThrownBy(() -> importValue(ca, a, b.resolve("lib.mjs").toString()))
          .isInstanceOf(PolyglotException.class);
      assertThat(first.runtimeFactory().canExecute()).isTrue();
      assertThat(second.brigadierFactory().canExecute()).isTrue();
    }
  }

  private Path checkout(String name, String value) throws Exception {
    Path c = Files.createDirectories(dir.resolve(name));
    Files.writeString(c.resolve("lib.mjs"), "export const value = \"" + value + "\";");
    return c;
  }

  private static String importValue(Context ctx, Path checkout, String specifier) {
    Source main =
        Source.newBuilder(
                "js", "import { value } from \"" + specifier + "\"; export { value };", "main.mjs")
            .mimeType("application/javascript+module")
            .uri(checkout.resolve("main.mjs").toUri())
            .buildLiteral();
    return ctx.eval(main).getMember("value").asString();
  }
}
