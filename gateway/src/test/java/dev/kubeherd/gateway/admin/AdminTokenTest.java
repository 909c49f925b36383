package dev.kubeherd.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminTokenTest {
  @Test
  void blankOrAbsentTokenDisablesOperatorActions() {
    assertThat(AdminToken.of(null).check("Bearer x")).isEqualTo(AdminToken.Check.DISABLED);
    assertThat(AdminToken.of("  ").check("Bearer ")).isEqualTo(AdminToken.Check.DISABLED);
  }

  @Test
  void onlyTheExactBearerTokenIsAllowed() {
    AdminToken token = AdminToken.of("t0ken\n");

    assertThat(token.check("Bearer t0ken")).isEqualTo(AdminToken.Check.ALLOWED);
    assertThat(token.check("bearer t0ken")).isEqualTo(AdminToken.Check.ALLOWED);
    assertThat(token.check("Bearer t0ke")).isEqualTo(AdminToken.Check.REFUSED);
    assertThat(token.check("Bearer t0ken2")).isEqualTo(AdminToken.Check.REFUSED);
    assertThat(token.check("Basic dDBrZW4=")).isEqualTo(AdminToken.Check.REFUSED);
    assertThat(token.check("t0ken")).isEqualTo(AdminToken.Check.REFUSED);
    assertThat(token.check(null)).isEqualTo(AdminToken.Check.REFUSED);
  }
}
