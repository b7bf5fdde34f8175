package dev.fabric.grid.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which faults a chaos run injects and when: per round, every service process killed once, the
 * broker restarted once, the head link dropped twice and stalled once, deliveries repeated twice;
 * each at a seeded random point of the window (its first tenth is left quiet so the market is
 * trading when the first fault lands). Same seed, same plan.
 */
public record ChaosPlan(List<Fault> faults, Duration window) {

    public ChaosPlan {
        faults = faults.stream().sorted(Comparator.comparing(Fault::at)).toList();
    }

    public static ChaosPlan generate(List<String> services, int rounds, Duration window, long seed) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        if (window.toSeconds() < 10) {
            throw new IllegalArgumentException("the chaos window must be at least 10 s, got " + window);
        }
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (String service : services) {
                faults.add(new Fault(Fault.Kind.KILL_SERVICE, service, at(random, window)));
            }
            faults.add(new Fault(Fault.Kind.RESTART_BROKER, "", at(random, window)));
            faults.add(new Fault(Fault.Kind.DROP_HEAD_LINK, "", at(random, window)));
            faults.add(new Fault(Fault.Kind.DROP_HEAD_LINK, "", at(random, window)));
            faults.add(new Fault(Fault.Kind.STALL_HEAD_LINK, "", at(random, window)));
            faults.add(new Fault(Fault.Kind.REPLAY_DELIVERIES, "", at(random, window)));
            faults.add(new Fault(Fault.Kind.REPLAY_DELIVERIES, "", at(random, window)));
        }
        return new ChaosPlan(faults, window);
    }

    private static Duration at(Random random, Duration window) {
        long quiet = window.toMillis() / 10;
        return Duration.ofMillis(quiet + (long) (random.nextDouble() * (window.toMillis() - quiet)));
    }
}
