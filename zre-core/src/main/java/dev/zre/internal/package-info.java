/** The node's protocol thread and its helpers. Not API: may change in any release. */
@NullMarked
package dev.zre.internal;

import org.jspecify.annotations.NullMarked;
