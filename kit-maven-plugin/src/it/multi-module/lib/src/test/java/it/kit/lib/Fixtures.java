package it.kit.lib;

/** Test code of a module that describes no kit. */
public final class Fixtures {
  private Fixtures() {}
}
