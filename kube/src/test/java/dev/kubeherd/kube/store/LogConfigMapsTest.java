package dev.kubeherd.kube.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogConfigMapsTest {
  @Test
  void namesAreValidObjectNamesPerBuildSourceAndChunk() {
    String uuid = "3F1E5C8A-2B4D-4E6F-8A9B-0C1D2E3F4A5B";

    String name = LogConfigMaps.name(uuid, "worker", 3);

    assertThat(name).matches("brigade-log-[a-z0-9-]+-[0-9a-f]{12}-3").hasSizeLessThan(80);
    assertThat(LogConfigMaps.name(uuid, "worker", 0))
        .isNotEqualTo(LogConfigMaps.name(uuid, "test-" + uuid.toLowerCase(), 0));
  }

  @Test
  void sourcesMustLookLikePodNames() {
    assertThat(LogConfigMaps.checkSource("test-01hzzzzzzzzzzzzzzzzzzzzzzz")).isNotEmpty();
    assertThatThrownBy(() -> LogConfigMaps.checkSource("Upper"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log source \"Upper\"");
  }

  @Test
  void textThatFitsIsTakenWhole() {
    assertThat(LogConfigMaps.fitting("a\nb\n", 4, false)).isEqualTo("a\nb\n");
  }

  @Test
  void cutIsAfterTheLastWholeLineThatFits() {
    assertThat(LogConfigMaps.fitting("one\ntwo\nthree\n", 10, false)).isEqualTo("one\ntwo\n");
  }

  @Test
  void lineTooLongForTheRoomLeftWaitsForTheNextChunk() {
    assertThat(LogConfigMaps.fitting("a very long line\n", 5, false)).isEmpty();
  }

  @Test
  void lineLongerThanAWholeChunkIsCutOnACharacterBoundary() {
    // "é" is 2 bytes, "😀" 4: 5 bytes hold "aé" plus nothing of the emoji
    assertThat(LogConfigMaps.fitting("aé😀b", 5, true)).isEqualTo("aé");
    assertThat(LogConfigMaps.fitting("aé😀b", 7, true)).isEqualTo("aé😀");
  }

  @Test
  void aChunkReadBeforeItsLastAppendEndsEarlyAgainstTheNextChunk() {
    ConfigMap next = chunk(1, "c\n", "ab\n".length());

    assertThat(LogConfigMaps.endsEarly(chunk(0, "a\n", 0), next)).isTrue();
    assertThat(LogConfigMaps.endsEarly(chunk(0, "ab\n", 0), next)).isFalse();
  }

  @Test
  void aNextChunkThatDoesNotRecordThePreviousLengthTrustsThePrevious() {
    ConfigMap older =
        new ConfigMapBuilder(chunk(1, "c\n", 3))
            .editMetadata()
            .removeFromAnnotations(KubeherdAnnotations.LOG_PREVIOUS_BYTES)
            .endMetadata()
            .build();

    assertThat(LogConfigMaps.endsEarly(chunk(0, "a\n", 0), older)).isFalse();
  }

  private static ConfigMap chunk(int index, String text, int previousBytes) {
    return LogConfigMaps.newChunk(
        "default",
        "01hzzzzzzzzzzzzzzzzzzzzzzz",
        "worker",
        index,
        Instant.EPOCH,
        List.of(),
        text,
        previousBytes);
  }
}
