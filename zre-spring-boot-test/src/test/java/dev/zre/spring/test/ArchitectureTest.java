package dev.zre.spring.test;

import dev.zre.architecture.ZreArchitecture;
import org.junit.jupiter.api.Test;

/** This module's classes use only zre-core's public API (see {@link ZreArchitecture}). */
class ArchitectureTest {

    @Test
    void usesOnlyThePublicApiOfZreCore() {
        ZreArchitecture.FRONT_END_USES_ONLY_THE_PUBLIC_API.check(
                ZreArchitecture.classesOf(ZreTestPeer.class, ArchitectureTest.class));
    }
}
