/**
 * Auto-configuration of the Micrometer Observation of ZRE listeners and the template.
 */
@NullMarked
package dev.zre.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
