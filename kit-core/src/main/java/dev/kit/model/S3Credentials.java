package dev.kit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * How Barman Cloud authenticates to S3: keys from a Secret, or the pod's IAM role.
 *
 * <pre>{@code
 * S3Credentials.fromSecret("orders-backup-s3", "ACCESS_KEY_ID", "ACCESS_SECRET_KEY");
 * S3Credentials.inheritFromIamRole();
 * }</pre>
 */
public sealed interface S3Credentials {

  /** Access keys read from one Secret. */
  static S3Credentials fromSecret(String secret, String accessKeyIdKey, String secretAccessKeyKey) {
    return new Keys(new SecretKey(secret, accessKeyIdKey), new SecretKey(secret, secretAccessKeyKey), Optional.empty());
  }

  /** Credentials of the IAM role bound to the instance pods' service account (IRSA, Pod Identity). */
  static S3Credentials inheritFromIamRole() {
    return new IamRole();
  }

  /**
   * Access keys in Secrets.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @param sessionToken a session token, for temporary credentials
   */
  record Keys(SecretKey accessKeyId, SecretKey secretAccessKey, Optional<SecretKey> sessionToken) implements S3Credentials {
    public Keys {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      Objects.requireNonNull(sessionToken, "sessionToken");
    }
  }

  /** The pod's IAM role. */
  record IamRole() implements S3Credentials {}
}
