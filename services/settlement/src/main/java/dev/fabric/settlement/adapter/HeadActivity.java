package dev.fabric.settlement.adapter;

import dev.fabric.settlement.domain.TxPurpose;
import java.time.Duration;

/** What the head adapter reports for metrics. */
public interface HeadActivity {

    HeadActivity NONE = new HeadActivity() {
    };

    /** A transaction was built, its scripts evaluated and it was signed, in {@code took}. */
    default void completed(TxPurpose purpose, Duration took) {
    }

    /** The head answered a submission in {@code took}. */
    default void submitted(TxPurpose purpose, Duration took) {
    }

    /** A transient head problem ({@code kind}: unreachable, unsynced). */
    default void headTrouble(String kind) {
    }
}
