package dev.kit.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text written straight into UTF-8 bytes, for a text file a service renders (its runbook). A {@link
 * StringBuilder} switches to two bytes a character at the first one beyond Latin-1 (the runbook's
 * "…"), and its String then costs a failed compression, a copy and an encoding pass: most of what
 * the runbook cost a warm render (kit-benchmarks/PROFILE.md, section 13.2). ASCII, nearly all of
 * it, is copied as it is, straight into the buffer; only a string with another character is encoded
 * into an array of its own first. Each rendering thread reuses its buffer, as {@link BlockYaml}
 * does: a new one per runbook, and the array of each string appended, were 15 % of a warm render's
 * allocation (PROFILE.md 17.2).
 */
final class Utf8Text {

  /** A thread keeps its buffer up to this size for the next text. */
  private static final int KEPT_CAPACITY = 1 << 20;

  /**
   * Each rendering thread's buffer. Only a {@code byte[]}: a value of kit's own class on a pool
   * thread would keep kit's class loader alive in a long-lived JVM (BlockYaml says why).
   */
  private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();

  /** What a finished text holds: an append to it fails, as its room must grow. */
  private static final byte[] DONE = new byte[0];

  private byte[] bytes;
  private int length;

  /**
   * A text of about {@code capacity} bytes; it takes the thread's buffer, if that is free, until
   * {@link #toByteArray} gives it back.
   */
  Utf8Text(int capacity) {
    byte[] buffer = BUFFERS.get();
    if (buffer != null && buffer.length >= capacity) {
      BUFFERS.set(null); // a text made before this one is finished gets a buffer of its own
      bytes = buffer;
    } else {
      bytes = new byte[Math.max(capacity, 16)];
    }
  }

  Utf8Text append(String text) {
    int n = text.length();
    if (ascii(text)) {
      room(n);
      copyAscii(text, n);
    } else {
      byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
      room(encoded.length);
      System.arraycopy(encoded, 0, bytes, length, encoded.length);
      length += encoded.length;
    }
    return this;
  }

  /** Copies an ASCII string's characters, each its byte. */
  @SuppressWarnings("deprecation") // copies each character's low byte: an ASCII character's UTF-8
  private void copyAscii(String text, int n) {
    text.getBytes(0, n, bytes, length);
    length += n;
  }

  /** Whether every character of {@code text} is ASCII: its own small loop, for C2 to compile. */
  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** One character of the BMP; a surrogate alone would encode as '?', so append pairs as text. */
  Utf8Text append(char c) {
    if (c < 0x80) {
      room(1);
      bytes[length++] = (byte) c;
      return this;
    }
    return append(String.valueOf(c));
  }

  Utf8Text append(int number) {
    return append(Integer.toString(number));
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      if (bytes == DONE) {
        throw new IllegalStateException("the text is done: toByteArray was called");
      }
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  /**
   * The text's bytes, once: the buffer goes back to the thread for its next text, so this text is
   * done (it lets go of the buffer: an append after fails instead of writing into another text).
   */
  byte[] toByteArray() {
    if (bytes == DONE) { // else the thread would keep DONE as its buffer, and its next text fail
      throw new IllegalStateException("the text is done: toByteArray was called");
    }
    byte[] text = Arrays.copyOf(bytes, length);
    if (bytes.length <= KEPT_CAPACITY) {
      BUFFERS.set(bytes);
    }
    bytes = DONE;
    length = 0;
    return text;
  }
}
