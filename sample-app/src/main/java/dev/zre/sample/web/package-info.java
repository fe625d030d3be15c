/**
 * The REST API the page uses: node, peers, groups, messages and sending.
 */
@NullMarked
package dev.zre.sample.web;

import org.jspecify.annotations.NullMarked;
