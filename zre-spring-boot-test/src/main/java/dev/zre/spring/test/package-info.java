/**
 * Test support for applications on the ZRE starter: {@link dev.zre.spring.test.AutoConfigureZre} and
 * {@link dev.zre.spring.test.ZreTestPeer}.
 */
@NullMarked
package dev.zre.spring.test;

import org.jspecify.annotations.NullMarked;
