package dev.fabric.settlement.topology;

import dev.fabric.events.EventIds;
import dev.fabric.events.v1.common.ChainRef;
import dev.fabric.events.v1.settlement.AwardSubmitted;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.LeaseSource;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.events.v1.settlement.SettlementFailed;
import dev.fabric.events.v1.settlement.SettlementStage;
import dev.fabric.settlement.domain.ChainFact;
import dev.fabric.settlement.domain.ChainPosition;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.Publication;
import java.time.Instant;

/**
 * Domain publications as {@code fabric.settlements} records. Event ids hash the cause, so a
 * replayed or re-derived publication carries the id of the first one.
 */
public final class SettlementEvents {

    private SettlementEvents() {
    }

    public static SettlementEvent toEvent(Publication publication) {
        if (publication instanceof Publication.AwardSubmitted p) {
            return envelope(EventIds.of("AwardSubmitted", p.bidRef(), p.txId()), p.causationId(), p.bidRef(), p.at(), null,
                    AwardSubmitted.newBuilder().setTxId(p.txId()).setOfferRef(p.offerRef()).setOperatorId(p.operatorId())
                            .setPrice(p.price()).build());
        }
        if (publication instanceof Publication.LeaseConfirmed p) {
            LeaseTerms lease = p.lease();
            return envelope(EventIds.of("LeaseConfirmed", lease.bidRef(), lease.leaseRef()), p.at().causationId(), lease.bidRef(),
                    p.at().occurredAt(), chain(p.at()),
                    LeaseConfirmed.newBuilder().setLeaseRef(lease.leaseRef()).setSource(source(p.origin()))
                            .setOperatorId(lease.operatorId()).setAppPkh(lease.appPkh()).setPrice(lease.price())
                            .setStartAt(Instant.ofEpochMilli(lease.startMs())).setDurationSeconds(lease.durationSeconds())
                            .setArbiter(lease.arbiter().orElse(null)).build());
        }
        if (publication instanceof Publication.ClaimConfirmed p) {
            return envelope(EventIds.of("ClaimConfirmed", p.lease().leaseRef(), p.at().txId()), p.at().causationId(),
                    p.bidRef(), p.at().occurredAt(), chain(p.at()),
                    ClaimConfirmed.newBuilder().setLeaseRef(p.lease().leaseRef()).setOperatorId(p.lease().operatorId())
                            .setAmount(p.amount()).setEarly(p.early()).build());
        }
        if (publication instanceof Publication.RefundConfirmed p) {
            return envelope(EventIds.of("RefundConfirmed", p.lease().leaseRef(), p.at().txId()), p.at().causationId(),
                    p.bidRef(), p.at().occurredAt(), chain(p.at()),
                    RefundConfirmed.newBuilder().setLeaseRef(p.lease().leaseRef()).setAppPkh(p.lease().appPkh())
                            .setAmount(p.amount()).setReason(p.reason()).build());
        }
        Publication.SettlementFailed p = (Publication.SettlementFailed) publication;
        return envelope(EventIds.of("SettlementFailed", p.bidRef(), p.stage().name(), p.causationId()), p.causationId(), p.bidRef(),
                p.at(), null,
                SettlementFailed.newBuilder().setStage(p.stage() == dev.fabric.settlement.domain.TxPurpose.AWARD
                                ? SettlementStage.AWARD : SettlementStage.REFUND)
                        .setReason(p.reason()).setTxId(p.txId().orElse(null)).setRetriable(p.retriable()).build());
    }

    private static SettlementEvent envelope(String eventId, String causationId, String bidRef, Instant at, ChainRef chain, Object payload) {
        return SettlementEvent.newBuilder().setEventId(eventId).setCausationId(causationId).setBidRef(bidRef)
                .setOccurredAt(at).setChain(chain).setPayload(payload).build();
    }

    private static ChainRef chain(ChainPosition at) {
        return ChainRef.newBuilder().setHeadId(at.headId()).setTxId(at.txId()).setSnapshotNumber(at.snapshotNumber())
                .setSeq(at.seq()).build();
    }

    private static LeaseSource source(ChainFact.LeaseOrigin origin) {
        return switch (origin) {
            case RACE_ACCEPT -> LeaseSource.RACE_ACCEPT;
            case AWARD -> LeaseSource.AWARD;
            case UNKNOWN -> LeaseSource.UNKNOWN;
        };
    }
}
