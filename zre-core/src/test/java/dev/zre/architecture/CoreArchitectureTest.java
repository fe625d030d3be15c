package dev.zre.architecture;

import dev.zre.ZreNode;
import org.junit.jupiter.api.Test;

/** zre-core, main and test classes, against {@link ZreArchitecture#CORE_DOES_NOT_USE_SPRING}. */
class CoreArchitectureTest {

    @Test
    void coreDoesNotUseSpring() {
        ZreArchitecture.CORE_DOES_NOT_USE_SPRING.check(ZreArchitecture.classesOf(ZreNode.class, CoreArchitectureTest.class));
    }
}
