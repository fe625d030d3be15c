package dev.zre.spring.autoconfigure;

import dev.zre.ZreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a ZRE node that could not start for a reason other than a rejected setting (a rejected
 * setting, such as an interface this host does not have or a port in use, is reported as the
 * invalid value of its {@code zre.*} property by Boot's own analyzer).
 */
class ZreStartFailureAnalyzer extends AbstractFailureAnalyzer<ZreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZreException cause) {
        String description = "The ZRE node could not start: " + cause.getMessage();
        String action = "Check 'zre.interface' (auto, loopback, an interface name or an IPv4 address of this host), "
                + "'zre.port' and 'zre.mailbox-port' (0 picks a free port), or set 'zre.fail-on-start-error=false' "
                + "to start the application with the node FAILED.";
        return new FailureAnalysis(description, action, cause);
    }

}
