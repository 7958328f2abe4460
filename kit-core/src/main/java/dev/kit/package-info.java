/**
 * kit's entry points: {@link dev.kit.Generator} renders and writes a description, {@link
 * dev.kit.MigrationTool} manages its migrations, {@link dev.kit.KitDescriptions} loads one. Nothing
 * here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.kit;

import org.jspecify.annotations.NullMarked;
