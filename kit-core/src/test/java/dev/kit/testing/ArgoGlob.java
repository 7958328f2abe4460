package dev.kit.testing;

import java.util.regex.Pattern;

/**
 * A directory source's {@code include} or {@code exclude} as Argo CD matches it against a file's
 * path relative to the source's {@code path}: gobwas/glob ({@code glob.go}'s syntax), which Argo
 * CD's {@code util/glob.Match} compiles with no separators, so {@code *} and {@code ?} cross {@code
 * /} there ({@code reposerver/repository/repository.go}, {@code getPotentiallyValidManifestFile}).
 * With {@code /} as a separator, as a path glob would read it, they stop at {@code /} and only
 * {@code **} crosses it: a pattern right in both is right whatever Argo CD's version does.
 */
public final class ArgoGlob {

  private final Pattern pattern;

  private ArgoGlob(Pattern pattern) {
    this.pattern = pattern;
  }

  /** {@code glob} as Argo CD compiles it: no separators. */
  public static ArgoGlob argoCd(String glob) {
    return new ArgoGlob(Pattern.compile(regex(glob, false)));
  }

  /** {@code glob} with {@code /} as its separator. */
  public static ArgoGlob withSlashSeparator(String glob) {
    return new ArgoGlob(Pattern.compile(regex(glob, true)));
  }

  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  /** gobwas/glob's terms: {@code * ** ? [..] [!..] {a,b} \c}, the rest literal. */
  private static String regex(String glob, boolean slashSeparates) {
    String any = slashSeparates ? "[^/]" : ".";
    StringBuilder regex = new StringBuilder();
    int braces = 0;
    for (int at = 0; at < glob.length(); at++) {
      char c = glob.charAt(at);
      switch (c) {
        case '*' -> {
          if (at + 1 < glob.length() && glob.charAt(at + 1) == '*') {
            regex.append(".*");
            at++;
          } else {
            regex.append(any).append('*');
          }
        }
        case '?' -> regex.append(any);
        case '{' -> {
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new IllegalArgumentException("unopened } in " + glob);
          }
          braces--;
          regex.append(')');
        }
        case ',' -> regex.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          at++;
          regex.append(Pattern.quote(String.valueOf(glob.charAt(at))));
        }
        case '[' -> {
          int end = glob.indexOf(']', at);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed [ in " + glob);
          }
          String range = glob.substring(at + 1, end);
          regex
              .append('[')
              .append(range.startsWith("!") ? "^" + range.substring(1) : range)
              .append(']');
          at = end;
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw new IllegalArgumentException("unclosed { in " + glob);
    }
    return regex.toString();
  }
}
