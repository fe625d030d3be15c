/**
 * Publishing ZRE events as Spring application events.
 */
@NullMarked
package dev.zre.spring.event;

import org.jspecify.annotations.NullMarked;
