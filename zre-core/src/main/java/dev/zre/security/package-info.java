/**
 * Transport security for ZRE nodes: CURVE keys (Z85, czmq {@code zcert} files), the node's
 * security setting ({@link dev.zre.security.ZreSecurity}) and who may connect.
 */
@NullMarked
package dev.zre.security;

import org.jspecify.annotations.NullMarked;
