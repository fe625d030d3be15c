package dev.zre.sample;

import dev.zre.PeerId;
import dev.zre.ZreNode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs one line that says where the page is and which node it shows. */
@Component
class ReadyLog {

    private static final Log logger = LogFactory.getLog(ReadyLog.class);

    private final ZreNode node;

    private final Environment environment;

    ReadyLog(ZreNode node, Environment environment) {
        this.node = node;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        logger.info(String.format("ZRE sample ready: http://localhost:%s/ shows node '%s' (%s) on %s at %s, beacon port %d",
                this.environment.getProperty("local.server.port", "?"), this.node.name(), PeerId.of(this.node.uuid()),
                this.node.interfaceName().orElse("?"), this.node.endpoint().orElse("(not running)"),
                this.node.config().beaconPort()));
    }

}
