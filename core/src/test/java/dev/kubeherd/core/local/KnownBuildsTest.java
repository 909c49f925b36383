package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownBuildsTest {
  @Test
  void idsStayOldestFirstWhereverTheyComeFrom() {
    KnownBuilds known = new KnownBuilds();
    known.refresh(List.of("03", "01"));

    assertThat(known.add("05")).isTrue();
    assertThat(known.add("02")).isTrue();
    assertThat(known.add("03")).isFalse();
    known.refresh(List.of("04", "01", "02", "03", "05"));

    assertThat(known).containsExactly("01", "02", "03", "04", "05");
  }

  @Test
  void aListingWithoutSomeKnownIdsDropsThemAndSaysSo() {
    KnownBuilds known = new KnownBuilds();
    known.refresh(List.of("01", "02", "03"));

    assertThat(known.refresh(List.of("01", "03", "04")))
        .contains(java.util.Set.of("01", "03", "04"));
    assertThat(known).containsExactly("01", "03", "04");
    assertThat(known.refresh(List.of("01", "03", "04"))).isEmpty();
    assertThat(known.add("02")).isTrue(); // dropped ones can come back
  }
}
