package dev.zre.sample.leader;

import dev.zre.PeerId;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.sample.live.LiveEvent;
import dev.zre.sample.live.LiveEventStream;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scheduled task that only the leader of a group runs: every instance schedules it, and each run
 * first asks the node whether it leads the group (contested through {@code zre.election.contest}).
 * Each run shows in the page's event log as a {@code LEADER_TICK}. ZRE's election is not consensus:
 * for a moment after a newcomer with a lower id arrives, or in a partition, two instances may both
 * run it, which is harmless here.
 */
@Component
public class LeaderTask {

    private static final Log logger = LogFactory.getLog(LeaderTask.class);

    /** The group whose leader runs the task. */
    private final String group;

    private final ZreNode node;

    private final LiveEventStream stream;

    private final AtomicLong runs = new AtomicLong();

    LeaderTask(ZreNode node, LiveEventStream stream, @Value("${sample.leader-task.group:chat}") String group) {
        this.node = node;
        this.stream = stream;
        this.group = group;
    }

    @Scheduled(fixedDelayString = "${sample.leader-task.interval:5s}")
    void tick() {
        if (!leads()) {
            return;
        }
        long run = this.runs.incrementAndGet();
        logger.debug("leader tick " + run + " (this node leads #" + this.group + ")");
        this.stream.publish(LiveEvent.of("LEADER_TICK", null, null, this.group, "leader tick " + run));
    }

    @EventListener
    void onLeader(ZreEvent.Leader event) {
        if (event.group().equals(this.group)) {
            logger.info("Leader of #" + this.group + ": " + event.leaderName() + " " + PeerId.of(event.leader())
                    + (event.leader().equals(this.node.uuid()) ? " (this node runs the leader task)" : ""));
        }
    }

    /** Whether this node is the elected leader of the task's group now. */
    public boolean leads() {
        return this.node.leader(this.group).filter(this.node.uuid()::equals).isPresent();
    }

    /** The group whose leader runs the task. */
    public String group() {
        return this.group;
    }

    /** How often this instance ran the task. */
    public long runs() {
        return this.runs.get();
    }

}
