package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

  @Test
  void toByteArray_equalsTheStringsUtf8_whenAsciiLatin1AndWiderCharactersMix() {
    Utf8Text text = new Utf8Text(4);
    StringBuilder expected = new StringBuilder();
    for (String part :
        new String[] {"`-2`, `-3`", "… for long histories", " pods × `size`", "", "é\n", "ok 😀"}) {
      text.append(part);
      expected.append(part);
    }
    text.append('\n').append('…').append(-12);
    expected.append('\n').append('…').append(-12);

    assertThat(text.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void toByteArray_growsPastItsCapacity_whenTheTextIsLonger() {
    Utf8Text text = new Utf8Text(1);
    String line = "kubectl -n orders get job orders-migrate\n";
    for (int i = 0; i < 100; i++) {
      text.append(line);
    }

    assertThat(text.toByteArray()).isEqualTo(line.repeat(100).getBytes(StandardCharsets.UTF_8));
  }
}
