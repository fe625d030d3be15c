package dev.zre.sample.live;

import dev.zre.ZreEvent;
import dev.zre.spring.observation.ZreTraceFrame;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The trace id a message carries in its trace frame (W3C {@code traceparent} or B3), when the sender
 * traces and has {@code zre.trace-frame.enabled}; shown in the page's event log.
 */
final class TraceIds {

    private TraceIds() {
    }

    static @Nullable String of(ZreEvent.MessageEvent message) {
        Map<String, String> fields = ZreTraceFrame.split(message.frames()).fields();
        if (fields == null) {
            return null;
        }
        String traceparent = fields.get("traceparent");   // 00-<trace id>-<span id>-<flags>
        if (traceparent != null) {
            String[] parts = traceparent.split("-", -1);
            return (parts.length >= 2) ? parts[1] : null;
        }
        String b3 = fields.get("b3");                      // <trace id>-<span id>[-<sampled>]
        return (b3 != null) ? b3.split("-", -1)[0] : fields.get("X-B3-TraceId");
    }

}
