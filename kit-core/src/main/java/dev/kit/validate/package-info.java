/** NullAway checks this package: a possibly-null value is marked {@code @Nullable}. */
@NullMarked
package dev.kit.validate;

import org.jspecify.annotations.NullMarked;
