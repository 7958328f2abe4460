package dev.kit.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text written straight into UTF-8 bytes, for a text file a service renders (its runbook). A {@link
 * StringBuilder} switches to two bytes a character at the first one beyond Latin-1 (the runbook's
 * "…"), and its String then costs a failed compression, a copy and an encoding pass: most of what
 * the runbook cost a warm render (kit-benchmarks/PROFILE.md, section 13.2). ASCII, nearly all of
 * it, is copied as it is.
 */
final class Utf8Text {

  private byte[] bytes;
  private int length;

  Utf8Text(int capacity) {
    bytes = new byte[capacity];
  }

  Utf8Text append(String text) {
    // The JDK's encoder copies an ASCII string's bytes whole after a vectorized check: much faster
    // than a loop over its characters here.
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    room(encoded.length);
    System.arraycopy(encoded, 0, bytes, length, encoded.length);
    length += encoded.length;
    return this;
  }

  /** One character of the BMP; a surrogate alone would encode as '?', so append pairs as text. */
  Utf8Text append(char c) {
    return c < 0x80 ? append((byte) c) : append(String.valueOf(c));
  }

  Utf8Text append(int number) {
    return append(Integer.toString(number));
  }

  private Utf8Text append(byte ascii) {
    room(1);
    bytes[length++] = ascii;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
