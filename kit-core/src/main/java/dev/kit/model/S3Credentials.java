package dev.kit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * How Barman Cloud authenticates to S3: keys from a Secret, or an IAM role the instance pods'
 * service account (named after the cluster) assumes.
 *
 * <pre>{@code
 * S3Credentials.fromSecret("orders-backup-s3", "ACCESS_KEY_ID", "ACCESS_SECRET_KEY");
 * S3Credentials.inheritFromIamRole("arn:aws:iam::123456789012:role/orders-backups");  // IRSA
 * S3Credentials.inheritFromPodIdentity();                                               // EKS Pod Identity
 * }</pre>
 */
public sealed interface S3Credentials {

  /** Access keys read from one Secret. */
  static S3Credentials fromSecret(String secret, String accessKeyIdKey, String secretAccessKeyKey) {
    String method = "S3Credentials.fromSecret(secret, accessKeyIdKey, secretAccessKeyKey): ";
    Objects.requireNonNull(
        secret, method + "secret is null; pass the name of the Secret that holds the keys");
    Objects.requireNonNull(
        accessKeyIdKey,
        method
            + "accessKeyIdKey is null; "
            + "pass the Secret's key of the access key id, such as ACCESS_KEY_ID");
    Objects.requireNonNull(
        secretAccessKeyKey,
        method
            + "secretAccessKeyKey is null; "
            + "pass the Secret's key of the secret access key, such as ACCESS_SECRET_KEY");
    return new Keys(
        new SecretKey(secret, accessKeyIdKey),
        new SecretKey(secret, secretAccessKeyKey),
        Optional.empty());
  }

  /**
   * The IAM role {@code roleArn} through IRSA (IAM roles for service accounts): kit annotates the
   * cluster's service account with {@code eks.amazonaws.com/role-arn}, and the role's trust policy
   * must allow {@code system:serviceaccount:<namespace>:<cluster>} (and a restored cluster's, when
   * one reads these backups).
   */
  static S3Credentials inheritFromIamRole(String roleArn) {
    return new IamRole(
        Optional.of(
            Objects.requireNonNull(
                roleArn,
                "S3Credentials.inheritFromIamRole(roleArn): roleArn is null; "
                    + "pass the role's ARN, or use inheritFromPodIdentity()")));
  }

  /**
   * The IAM role an EKS Pod Identity association gives the cluster's service account ({@code
   * <cluster>} in the service's namespace): nothing in Kubernetes names the role, so create the
   * association in AWS.
   */
  static S3Credentials inheritFromPodIdentity() {
    return new IamRole(Optional.empty());
  }

  /**
   * Access keys in Secrets.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @param sessionToken a session token, for temporary credentials
   */
  record Keys(SecretKey accessKeyId, SecretKey secretAccessKey, Optional<SecretKey> sessionToken)
      implements S3Credentials {
    public Keys {
      Objects.requireNonNull(
          accessKeyId,
          "Keys(accessKeyId, secretAccessKey, sessionToken): accessKeyId is null; pass a SecretKey");
      Objects.requireNonNull(
          secretAccessKey,
          "Keys(accessKeyId, secretAccessKey, sessionToken): secretAccessKey is null; pass a SecretKey");
      Objects.requireNonNull(
          sessionToken,
          "Keys(accessKeyId, secretAccessKey, sessionToken): sessionToken is null; pass Optional.empty() for none");
    }
  }

  /**
   * An IAM role the instance pods assume ({@code inheritFromIAMRole}).
   *
   * @param roleArn the role IRSA binds to the service account, or empty when EKS Pod Identity does
   */
  record IamRole(Optional<String> roleArn) implements S3Credentials {
    public IamRole {
      Objects.requireNonNull(
          roleArn, "IamRole(roleArn): roleArn is null; pass Optional.empty() for EKS Pod Identity");
    }
  }
}
