package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialLiteralsTest {

  /** The rule as the regular expression it was, which the scan must agree with. */
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile(
          "[a-z][a-z0-9+.-]*://[^/@\\s:]*:(?!\\$)[^/@]*@.*|https?://[^/@\\s:$][^/@\\s:]*@.*"
              + "|[^/@:]*:(?!\\$)[^/@]*@.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://user:pass@git.example.com/x.git",
        "https://token@git.example.com/x.git",
        "s3://key:secret@bucket/folder",
        "HTTP://t@h",
        "oauth2:glpat-token@gitlab.com/acme/shop.git",
        "robot:secret@ghcr.io/acme/charts",
        "user:pass@host:acme/shop.git",
        "postgres://$(DB_USER):hunter2@db/app",
        "https://admin:hunter 2@k8s.acme.io"
      })
  void inUrl_returnsTrue_whenUrlCarriesCredentials(String url) {
    assertThat(CredentialLiterals.inUrl(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ssh://git@github.com/x.git",
        "git@github.com:x.git",
        "https://git.example.com/a@b",
        "s3://bucket/folder/",
        "https://@host",
        "ghcr.io/acme/charts",
        "registry:5000/charts@sha256",
        "acme.com:8443/charts",
        "postgres://$(DB_USER):$(DB_PASSWORD)@db/app",
        "https://${GITHUB_TOKEN}@github.com/acme/shop.git",
        "oauth2:${GITLAB_TOKEN}@gitlab.com/acme/shop.git"
      })
  void inUrl_returnsFalse_whenUrlCarriesNone(String url) {
    assertThat(CredentialLiterals.inUrl(url)).isFalse();
  }

  @Test
  void inUrl_agreesWithTheRegularExpression_forEveryShortUrl() {
    List<String> schemes =
        List.of(
            "",
            "http",
            "https",
            "HTTPS",
            "hTtP",
            "httpx",
            "s3",
            "git+ssh",
            "a.b-c",
            "1a",
            "h p",
            "\u017Fttp",
            "é");
    List<String> separators = List.of("://", ":/", ":", "//", ":///");
    List<String> mismatches = new ArrayList<>();
    // Every scheme and separator before every user part of up to 4 characters over the characters
    // the rule looks at, every kind of whitespace among them.
    for (String scheme : schemes) {
      for (String separator : separators) {
        for (String rest : AllStrings.upTo("a:@/$ \t\n\u000B\u00A0", 4)) {
          String url = scheme + separator + rest;
          if (CredentialLiterals.inUrl(url) != URL_CREDENTIALS.matcher(url).matches()) {
            mismatches.add(url);
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "app:hunter2@db",
        "https://x-access-token-abc123@github.com/acme",
        "dsn=postgres://app:hunter2@db/x",
        "host=db 'postgresql://app:hunter2@db/x'",
        "see\thttps://bot:hunter2@charts.acme.internal"
      })
  void shape_findsAUrlWithCredentials_whereInUrlFindsOneInAWord(String text) {
    assertThat(CredentialLiterals.shape(text)).contains("a URL with a password");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Note: mail ops@acme.io",
        "see https://acme.io or ops@acme.io",
        "git@github.com:acme/shop.git",
        "postgres://$(DB_USER):$(DB_PASSWORD)@db/app",
        "dsn=postgres://db/app?user=app"
      })
  void shape_findsNoUrlWithCredentials_whenNoWordHoldsOne(String text) {
    assertThat(CredentialLiterals.shape(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pscale_pw_aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3a",
        "pscale_tkn_aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3a",
        "pscale_oauth_aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3a",
        "abc123:pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void shape_findsAPlanetScaleCredential(String text) {
    assertThat(CredentialLiterals.shape(text)).contains("a PlanetScale credential");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pscale_pw_short", "pscale_db_aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3aB3a"})
  void shape_findsNoPlanetScaleCredential_whenTooShortOrNoCredentialsPrefix(String text) {
    assertThat(CredentialLiterals.shape(text)).isEmpty();
  }
}
