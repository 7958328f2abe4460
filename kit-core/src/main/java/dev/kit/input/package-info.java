/** NullAway checks this package: a possibly-null value is marked {@code @Nullable}. */
@NullMarked
package dev.kit.input;

import org.jspecify.annotations.NullMarked;
