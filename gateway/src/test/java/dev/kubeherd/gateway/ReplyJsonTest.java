package dev.kubeherd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The gateways' replies are written exactly as Jackson writes them, whatever their text holds. */
class ReplyJsonTest {

  @Test
  void theGatewaysOwnRepliesMatchJacksonByteForByte() {
    List<JsonReply> replies =
        List.of(
            JsonReply.success("Complete", List.of("01J0000000000000000000000A"), false),
            JsonReply.success("Complete", List.of("a", "b", "c"), true),
            JsonReply.success("Complete", List.of(), false),
            JsonReply.status(401, "X-Hub-Signature-256 does not match the body"),
            JsonReply.message(200, "Ignored"),
            JsonReply.storeUnavailable());
    for (JsonReply reply : replies) {
      assertSameAsJackson(reply.body());
    }
  }

  @Test
  void repliesWithTextThatNeedsEscapingMatchJackson() {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      every.append(c);
    }
    for (String text :
        List.of(
            every.toString(),
            "quote \" backslash \\ slash / tab \t newline \n",
            "ünïcödé – ✓ 日本",
            "emoji 🚀 in a pair",
            "\u2028\u2029\u007f\u0080\u00ff")) {
      assertSameAsJackson(Map.of("status", text));
      assertSameAsJackson(Map.of(text, List.of(text, text)));
    }
  }

  @Test
  void randomTextMatchesJackson() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      char[] chars = new char[random.nextInt(40)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD000));
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", new String(chars));
      body.put("builds", List.of(new String(chars, 0, chars.length / 2)));
      body.put("duplicate", random.nextBoolean());
      assertSameAsJackson(body);
    }
  }

  @Test
  void bodiesItDoesNotWriteAreLeftToJackson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("count", 3);
    body.put("nested", Map.of("a", List.of(1, 2)));
    body.put("lone", "half \uD800 a pair");
    assertSameAsJackson(body);
    assertSameAsJackson(Map.of("builds", List.of("a", 1)));
  }

  private static void assertSameAsJackson(Map<String, Object> body) {
    assertThat(new String(ReplyJson.encode(body), StandardCharsets.UTF_8))
        .isEqualTo(new String(Json.MAPPER.writeValueAsBytes(body), StandardCharsets.UTF_8));
  }
}
