/**
 * Leader election: a task that only the elected leader of a group runs.
 */
@NullMarked
package dev.zre.sample.leader;

import org.jspecify.annotations.NullMarked;
