/** Architecture rules (ArchUnit) shared by the modules' tests. */
@NullMarked
package dev.zre.architecture;

import org.jspecify.annotations.NullMarked;
