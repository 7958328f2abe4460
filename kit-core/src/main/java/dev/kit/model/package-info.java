/**
 * The typed description of a repository: services, their databases, migrations and apps, and the
 * platform. Nothing here is null unless marked {@code @Nullable}; absent values are {@code
 * Optional}s or empty collections.
 */
@NullMarked
package dev.kit.model;

import org.jspecify.annotations.NullMarked;
