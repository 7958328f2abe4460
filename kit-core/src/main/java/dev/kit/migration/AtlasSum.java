package dev.kit.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Atlas's {@code atlas.sum}, computed as Atlas v1.2 does ({@code sql/migrate/dir.go}): one running
 * SHA-256 over each file's name and raw bytes, each entry the digest of everything so far, and a
 * total over the names and entry hashes. {@code atlas migrate apply} refuses to run unless the file
 * is byte-identical to this.
 *
 * @param total the {@code h1:} total on the first line
 * @param entries one entry per hashed file, in Atlas's order
 */
public record AtlasSum(String total, List<Entry> entries) {

  /**
   * One line of the file.
   *
   * @param name the file name
   * @param hash the {@code h1:} hash of that file
   */
  public record Entry(String name, String hash) {}

  /** What each hash in the file starts with. */
  private static final byte[] H1 = {'h', '1', ':'};

  public AtlasSum {
    entries = List.copyOf(entries);
  }

  /** Computes the sum of {@code files}, which must already be in Atlas's order. */
  static AtlasSum of(List<MigrationFile> files) {
    List<Entry> entries = new ArrayList<>(files.size());
    MessageDigest running = Sha256.newDigest();
    // The total hashes each entry's name and hash in entry order; feeding it as entries appear
    // saves a pass.
    MessageDigest total = Sha256.newDigest();
    Base64.Encoder base64 = Base64.getEncoder();
    byte[] hash = new byte[44]; // a SHA-256 digest's 32 bytes in Base64, with padding
    for (MigrationFile file : files) {
      byte[] name = file.name().getBytes(StandardCharsets.UTF_8);
      running.update(name);
      byte[] content = file.rawContent();
      if (isSumIgnored(content)) {
        continue; // the name already went into the running hash, as in Atlas
      }
      running.update(content);
      // The hash's Base64 into one array for every file, then "h1:" and it made into the entry's
      // string at once: not an array, a string of it and another with its prefix, per file
      // (PROFILE.md section 17.3)
      base64.encode(digestSoFar(running), hash);
      total.update(name);
      total.update(hash);
      byte[] entry = Arrays.copyOf(H1, H1.length + hash.length);
      System.arraycopy(hash, 0, entry, H1.length, hash.length);
      entries.add(new Entry(file.name(), new String(entry, StandardCharsets.US_ASCII)));
    }
    return new AtlasSum("h1:" + base64(total.digest()), entries);
  }

  /** The file text: the total, then {@code <name> h1:<hash>} per entry, LF line ends. */
  public byte[] toBytes() {
    StringBuilder text = new StringBuilder(64 + entries.size() * 96);
    text.append(total).append('\n');
    for (Entry entry : entries) {
      text.append(entry.name()).append(' ').append(entry.hash()).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code content} starts with {@code -- atlas:sum ignore}, which keeps it out of the sum.
   */
  private static boolean isSumIgnored(byte[] content) {
    // The directive can only be on the first line, in printable ASCII; decode just that much.
    int end = 0;
    boolean mentionsAtlas = false;
    while (end < content.length && content[end] != '\n') {
      // Most files have no directive: without "atlas:" on the first line the regexp cannot match,
      // so skip it.
      mentionsAtlas |=
          content[end] == ':'
              && end >= 5
              && content[end - 1] == 's'
              && content[end - 2] == 'a'
              && content[end - 3] == 'l'
              && content[end - 4] == 't'
              && content[end - 5] == 'a';
      end++;
    }
    if (!mentionsAtlas) {
      return false;
    }
    String firstLine = new String(content, 0, end, StandardCharsets.ISO_8859_1);
    Matcher m = AtlasFileDirectives.DIRECTIVE.matcher(firstLine);
    return m.lookingAt() && "sum".equals(m.group(2)) && "ignore".equals(m.group(3));
  }

  private static byte[] digestSoFar(MessageDigest running) {
    try {
      return ((MessageDigest) running.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw Sha256.notCloneable(e);
    }
  }

  private static String base64(byte[] digest) {
    return Base64.getEncoder().encodeToString(digest);
  }
}
