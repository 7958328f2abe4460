package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
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

  @Test
  void toByteArray_isTheTextAlone_whenTheThreadsBufferIsReusedOrAnotherTextIsOpen() {
    Utf8Text first = new Utf8Text(64);
    first.append("a longer first text, which the next one must not show\n");
    assertThat(first.toByteArray())
        .isEqualTo(
            "a longer first text, which the next one must not show\n"
                .getBytes(StandardCharsets.UTF_8));

    Utf8Text second = new Utf8Text(64);
    Utf8Text nested = new Utf8Text(64); // the thread's buffer is the second's until it is done
    second.append("short ");
    nested.append("other");
    second.append("é");
    assertThat(second.toByteArray()).isEqualTo("short é".getBytes(StandardCharsets.UTF_8));
    assertThat(nested.toByteArray()).isEqualTo("other".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void append_allocatesNothing_forAsciiTextOnAReusedBuffer() {
    String line = "kubectl -n orders get job orders-migrate\n";
    for (int round = 0; round < 200; round++) { // warm, and the thread's buffer grown
      Utf8Text text = new Utf8Text(1024);
      for (int i = 0; i < 20; i++) {
        text.append(line);
      }
      text.toByteArray();
    }
    long nothing = -allocated() + allocated(); // what the measuring itself allocates
    long before = allocated();
    Utf8Text text = new Utf8Text(1024); // the thread's buffer, not a new 1 KiB one
    for (int i = 0; i < 20; i++) {
      text.append(line);
    }
    long allocated = allocated() - before - nothing;

    // An array per append was 20 × ~64 bytes; a new buffer 1 KiB; the text itself ~24 bytes.
    assertThat(allocated).isLessThan(256);
    assertThat(text.toByteArray()).isEqualTo(line.repeat(20).getBytes(StandardCharsets.UTF_8));
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void append_fails_afterToByteArray() {
    Utf8Text text = new Utf8Text(16);
    text.append("done");
    text.toByteArray();

    assertThatThrownBy(() -> text.append("more"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the text is done: toByteArray was called");
  }

  @Test
  void toByteArray_fails_whenCalledAgain_andTheThreadsNextTextStillWorks() {
    Utf8Text text = new Utf8Text(16);
    text.append("done");
    text.toByteArray();

    assertThatThrownBy(text::toByteArray)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the text is done: toByteArray was called");
    Utf8Text next = new Utf8Text(0);
    next.append("next");
    assertThat(next.toByteArray()).isEqualTo("next".getBytes(StandardCharsets.UTF_8));
  }
}
