/** NullAway checks this package: a possibly-null value is marked {@code @Nullable}. */
@NullMarked
package dev.kit.migration;

import org.jspecify.annotations.NullMarked;
