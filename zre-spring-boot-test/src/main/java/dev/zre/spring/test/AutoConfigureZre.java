package dev.zre.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Puts the application's ZRE node into a test cluster on loopback: {@code zre.interface=loopback},
 * the beacon port of {@link ZreTestSettings#shared()} (or a port of the test class's own with
 * {@link #isolated()}), beacons every 50 ms and short evasive, expired and HELLO timeouts. Nodes of
 * the test find each other in milliseconds and nothing is sent beyond this machine.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureZre
 * class OrdersListenerTests {
 *
 *     @RegisterExtension
 *     static ZreTestPeer peer = ZreTestPeer.named("client").group("orders");
 *
 *     @Test
 *     void answersAnOrder() {
 *         peer.awaitJoin("orders");
 *         peer.shout("orders", "{\"id\":\"42\"}");
 *         peer.awaitWhisper("accepted 42");
 *     }
 * }
 * }</pre>
 *
 * <p>Values the test sets itself ({@code @SpringBootTest(properties = ...)},
 * {@code @TestPropertySource}) win over these. With a full {@code @SpringBootTest} the starter's
 * auto-configuration is already on; in a slice test ({@code @WebMvcTest}, ...) this annotation imports
 * it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureZre {

    /**
     * Whether the test class gets a beacon port of its own instead of the one shared by the test JVM.
     * An isolated context sees no node of other (cached) contexts, but is not shared with other test
     * classes. A {@link ZreTestPeer} registered as an extension of the class follows the application's
     * node to that port.
     *
     * @return whether the node is in a cluster of its own
     */
    boolean isolated() default false;

}
