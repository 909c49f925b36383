package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PidNamespaceTest {
  @Test
  void thisProcesssNamespaceIsTheInodeItsProcLinkNames() throws Exception {
    String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();

    assertThat(link).isEqualTo("pid:[" + PidNamespace.ofThisProcess().orElseThrow() + "]");
  }

  @Test
  void aLinkOfAnotherKindOrShapeHasNoNamespace() {
    assertThat(PidNamespace.parse("pid:[4026531836]")).hasValue(4026531836L);
    assertThat(PidNamespace.parse("net:[4026531840]")).isEmpty();
    assertThat(PidNamespace.parse("pid:[]")).isEmpty();
    assertThat(PidNamespace.parse("pid:[12]x")).isEmpty();
  }
}
