package dev.kit.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text written straight into UTF-8 bytes, for a text file a service renders (its runbook). A {@link
 * StringBuilder} switches to two bytes a character at the first one beyond Latin-1 (the runbook's
 * "…"), and its String then costs a failed compression, a copy and an encoding pass: most of what
 * the runbook cost a warm render (kit-benchmarks/PROFILE.md, section 13.2). ASCII, nearly all of
 * it, is copied as it is.
 */
final class Utf8Text {

  private final ByteArrayOutputStream bytes;

  Utf8Text(int capacity) {
    bytes = new ByteArrayOutputStream(capacity);
  }

  Utf8Text append(String text) {
    // The JDK's encoder copies an ASCII string's bytes whole after a vectorized check: much faster
    // than a loop over its characters here.
    bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** One character of the BMP; a surrogate alone would encode as '?', so append pairs as text. */
  Utf8Text append(char c) {
    if (c < 0x80) {
      bytes.write(c);
      return this;
    }
    return append(String.valueOf(c));
  }

  Utf8Text append(int number) {
    return append(Integer.toString(number));
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
