package dev.kit.render;

/**
 * A patch that does not fit the object it targets, as a violation of the description: where, what,
 * and the fix.
 *
 * @param path the patch, such as {@code services[orders].patches[0]}
 * @param problem why it cannot be applied
 * @param fix where to look
 */
public record PatchFailure(String path, String problem, String fix) {}
