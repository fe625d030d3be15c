package dev.zre.spring.leader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.leader.Candidate;
import org.springframework.util.Assert;

/**
 * One {@link ZreLeaderInitiator} per {@link Candidate}, started and stopped together: what the
 * auto-configuration registers for the candidate beans of an application.
 */
public class ZreLeaderInitiators implements SmartLifecycle, ApplicationEventPublisherAware {

    private final List<ZreLeaderInitiator> initiators;

    /**
     * Creates the group.
     * @param initiators one initiator per candidate
     */
    public ZreLeaderInitiators(Collection<ZreLeaderInitiator> initiators) {
        Assert.notNull(initiators, "'initiators' must not be null");
        this.initiators = List.copyOf(initiators);
    }

    /** The initiators, one per candidate. */
    public List<ZreLeaderInitiator> getInitiators() {
        return this.initiators;
    }

    /**
     * The initiator of a candidate.
     * @param candidate the candidate
     * @return its initiator, if this group drives it
     */
    public Optional<ZreLeaderInitiator> getInitiator(Candidate candidate) {
        return this.initiators.stream().filter((initiator) -> initiator.getCandidate() == candidate).findFirst();
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
        this.initiators.forEach((initiator) -> initiator.setApplicationEventPublisher(applicationEventPublisher));
    }

    @Override
    public void start() {
        this.initiators.forEach(ZreLeaderInitiator::start);
    }

    @Override
    public void stop() {
        List<ZreLeaderInitiator> reversed = new ArrayList<>(this.initiators);
        Collections.reverse(reversed);
        reversed.forEach(ZreLeaderInitiator::stop);
    }

    @Override
    public boolean isRunning() {
        return this.initiators.stream().anyMatch(ZreLeaderInitiator::isRunning);
    }

    @Override
    public int getPhase() {
        return ZreLeaderInitiator.PHASE;
    }

}
