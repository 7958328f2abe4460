package dev.kit.render;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a Kubernetes {@code PodTemplateSpec} that kit writes (the app's Deployment, the
 * migration Job, the Atlas operator's dev database); null means unset (an empty list is written as
 * {@code []}: pass null). kit's own records rather than fabric8's model: its builders and the ~150
 * classes behind them cost a cold run more than the objects they build.
 */
record PodTemplate(ObjectMetadata metadata, Spec spec) {

  record Spec(
      Boolean automountServiceAccountToken,
      List<Container> containers,
      @Nullable String restartPolicy,
      SecurityContext securityContext,
      @Nullable List<Volume> volumes) {}

  record SecurityContext(
      Boolean runAsNonRoot, Long runAsUser, Long runAsGroup, SeccompProfile seccompProfile) {

    /**
     * What the Pod Security "restricted" profile asks of a pod, with the user and group its image
     * runs as (runAsNonRoot alone makes kubelet refuse an image whose USER is root or a name).
     */
    static SecurityContext restricted(Long user, Long group) {
      return new SecurityContext(true, user, group, new SeccompProfile("RuntimeDefault"));
    }
  }

  record SeccompProfile(String type) {}

  record Container(
      String name,
      String image,
      @Nullable List<String> args,
      List<EnvVar> env,
      @Nullable List<ContainerPort> ports,
      @Nullable KubeResources resources,
      @Nullable Probe readinessProbe,
      @Nullable Probe livenessProbe,
      @Nullable Probe startupProbe,
      ContainerSecurityContext securityContext,
      @Nullable List<VolumeMount> volumeMounts) {}

  /** What the Pod Security "restricted" profile asks of every container. */
  record ContainerSecurityContext(
      Boolean allowPrivilegeEscalation,
      @Nullable Boolean readOnlyRootFilesystem,
      Capabilities capabilities) {

    static final ContainerSecurityContext RESTRICTED =
        new ContainerSecurityContext(false, true, new Capabilities(List.of("ALL")));
  }

  record Capabilities(List<String> drop) {}

  record ContainerPort(String name, Integer containerPort) {}

  record EnvVar(String name, @Nullable String value, @Nullable EnvVarSource valueFrom) {

    static EnvVar literal(String name, String value) {
      return new EnvVar(name, value, null);
    }

    static EnvVar fromSecret(String name, String secret, String key) {
      return new EnvVar(name, null, new EnvVarSource(new SecretKeySelector(secret, key)));
    }
  }

  record EnvVarSource(SecretKeySelector secretKeyRef) {}

  record SecretKeySelector(String name, String key) {}

  /**
   * A probe: an HTTP GET on a named port, or a command; with the kubelet's timing, or its defaults.
   */
  record Probe(
      @Nullable HttpGet httpGet,
      @Nullable ExecAction exec,
      @Nullable Integer periodSeconds,
      @Nullable Integer failureThreshold) {

    static Probe httpGet(String path, String port) {
      return new Probe(new HttpGet(path, port), null, null, null);
    }
  }

  record HttpGet(String path, String port) {}

  record ExecAction(List<String> command) {}

  record VolumeMount(String name, String mountPath, @Nullable Boolean readOnly) {}

  record Volume(
      String name,
      @Nullable SecretVolume secret,
      @Nullable EmptyDir emptyDir,
      @Nullable Projected projected) {

    /** One key of a Secret as a file named {@code path}. */
    static Volume secretKey(String name, String secret, String key, String path) {
      return new Volume(
          name, new SecretVolume(secret, List.of(new KeyToPath(key, path))), null, null);
    }

    static Volume emptyDir(String name) {
      return new Volume(name, null, new EmptyDir(null), null);
    }
  }

  record SecretVolume(String secretName, List<KeyToPath> items) {}

  record KeyToPath(String key, String path) {}

  /** An {@code emptyDir} with the defaults: written as {@code {}}. */
  record EmptyDir(@Nullable String medium) {}

  record Projected(List<VolumeProjection> sources) {}

  record VolumeProjection(ConfigMapProjection configMap) {}

  record ConfigMapProjection(String name) {}
}
