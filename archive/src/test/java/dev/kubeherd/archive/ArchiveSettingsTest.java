package dev.kubeherd.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveSettingsTest {
  @Test
  void theMaxHoldIsADayUnlessSetInHours() {
    assertThat(settings(Map.of()).maxHold()).isEqualTo(Duration.ofHours(24));
    assertThat(settings(Map.of(ArchiveSettings.MAX_HOLD_ENV, "6")).maxHold())
        .isEqualTo(Duration.ofHours(6));
  }

  @Test
  void aMaxHoldOfZeroIsRefusedSayingWhatToSet() {
    assertThatThrownBy(() -> settings(Map.of(ArchiveSettings.MAX_HOLD_ENV, "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KUBEHERD_LOG_ARCHIVE_MAX_HOLD_HOURS=0")
        .hasMessageContaining("set 1 or more");
  }

  private static ArchiveSettings settings(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put(ArchiveSettings.BUCKET_ENV, "logs-bucket");
    return ArchiveSettings.fromEnv(env, Duration.ofSeconds(7)).orElseThrow();
  }
}
