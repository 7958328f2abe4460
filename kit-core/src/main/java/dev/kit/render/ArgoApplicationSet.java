package dev.kit.render;

import java.util.List;
import java.util.Map;

/** The fields of an Argo CD {@code argoproj.io/v1alpha1} ApplicationSet that kit writes. */
record ArgoApplicationSet(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  record Spec(
      Boolean goTemplate,
      List<String> goTemplateOptions,
      List<Generator> generators,
      Template template) {}

  record Generator(Git git) {}

  record Git(String repoURL, String revision, List<Directory> directories) {}

  record Directory(String path) {}

  record Template(TemplateMeta metadata, ArgoApplication.Spec spec) {}

  record TemplateMeta(String name, Map<String, String> labels) {}
}
