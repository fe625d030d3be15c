/**
 * What the page sees live: ZRE events relayed from Spring application events to Server-Sent Events, and the chat history.
 */
@NullMarked
package dev.zre.sample.live;

import org.jspecify.annotations.NullMarked;
