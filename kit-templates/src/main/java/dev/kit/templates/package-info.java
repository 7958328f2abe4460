/** NullAway checks this package: a possibly-null value is marked {@code @Nullable}. */
@NullMarked
package dev.kit.templates;

import org.jspecify.annotations.NullMarked;
