package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.deployer.domain.AllocationKind;
import dev.fabric.deployer.domain.BidTerms;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.WorkloadKind;
import dev.fabric.deployer.lease.ConfirmedLease;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.WorkloadSpec;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.testkit.EventSamples;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InboundEventsTest {

    private static final String BID = EventSamples.ref(1, 0);

    @Test
    void shouldMapAnOpenedBid() throws InvalidEventException {
        BidTerms terms = InboundEvents.bidTerms(BID, EventSamples.bidOpened(ModeKind.REPUTATION));

        assertThat(terms.mode()).isEqualTo(AllocationKind.REPUTATION);
        assertThat(terms.request()).isEqualTo(new Capacity(2000, 4096, 20, 0));
        assertThat(terms.durationSeconds()).isEqualTo(3600);
        assertThat(terms.region()).contains("eu-west");
        assertThat(terms.workload()).get().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
            assertThat(w.image()).isEqualTo("ghcr.io/acme/api:1.4.2");
            assertThat(w.ports()).containsExactly(8080);
            assertThat(w.env()).containsEntry("MODE", "prod");
        });
    }

    @Test
    void shouldMapABidWithoutWorkloadToAnEmptyWorkload() throws InvalidEventException {
        BidOpened opened = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION)).setWorkload(null).build();

        assertThat(InboundEvents.bidTerms(BID, opened).workload()).isEmpty();
    }

    static Stream<Arguments> invalidBids() {
        return Stream.of(
                invalid("negative cpu", b -> b.setRequest(ResourceRequest.newBuilder(b.getRequest()).setCpuMillis(-1).build()), "must not be negative"),
                invalid("zero duration", b -> b.setRequest(ResourceRequest.newBuilder(b.getRequest()).setDurationSeconds(0).build()), "durationSeconds"),
                invalid("negative price", b -> b.setMinPrice(-5), "prices must not be negative"),
                invalid("app key hash", b -> b.setAppPkh("zz"), "appPkh"),
                invalid("unknown mode", b -> b.setMode(AllocationMode.newBuilder().setKind(ModeKind.UNKNOWN).build()), "allocation mode UNKNOWN"),
                invalid("unknown workload kind", b -> b.setWorkload(WorkloadSpec.newBuilder(b.getWorkload())
                        .setKind(dev.fabric.events.v1.common.WorkloadKind.UNKNOWN).build()), "workload kind"),
                invalid("null arg", b -> b.setWorkload(WorkloadSpec.newBuilder(b.getWorkload()).setArgs(java.util.Arrays.asList("a", null)).build()),
                        "null entries"));
    }

    static Arguments invalid(String name, Consumer<BidOpened.Builder> change, String reason) {
        return Arguments.of(name, change, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBids")
    void shouldRejectUnusableBids(String name, Consumer<BidOpened.Builder> change, String reason) {
        BidOpened.Builder builder = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION));
        change.accept(builder);
        BidOpened opened = builder.build();

        assertThatThrownBy(() -> InboundEvents.bidTerms(BID, opened)).isInstanceOf(InvalidEventException.class).hasMessageContaining(reason);
    }

    @Test
    void shouldRequireTheKeyToBeTheBidRef() throws InvalidEventException {
        assertThat(InboundEvents.subject(BID, BID)).isEqualTo(BID);
        assertThatThrownBy(() -> InboundEvents.subject(null, BID)).hasMessageContaining("no key");
        assertThatThrownBy(() -> InboundEvents.subject(EventSamples.ref(2, 0), BID)).hasMessageContaining("differs");
        assertThatThrownBy(() -> InboundEvents.subject("nope", "nope")).hasMessageContaining("bidRef");
    }

    @Test
    void shouldMapAndCheckAConfirmedLease() throws InvalidEventException {
        LeaseConfirmed lease = LeaseConfirmed.newBuilder().setLeaseRef(EventSamples.ref(5, 0))
                .setSource(dev.fabric.events.v1.settlement.LeaseSource.AWARD).setOperatorId(EventSamples.OPERATOR_ID)
                .setAppPkh(EventSamples.APP_PKH).setPrice(9_000_000L).setStartAt(EventSamples.T0).setDurationSeconds(3600).build();

        ConfirmedLease confirmed = InboundEvents.confirmedLease(BID, lease);

        assertThat(confirmed.endsAt()).isEqualTo(EventSamples.T0.plusSeconds(3600));
        LeaseConfirmed badRef = LeaseConfirmed.newBuilder(lease).setLeaseRef("not-a-ref").build();
        assertThatThrownBy(() -> InboundEvents.confirmedLease(BID, badRef)).hasMessageContaining("leaseRef");
        LeaseConfirmed noDuration = LeaseConfirmed.newBuilder(lease).setDurationSeconds(0).build();
        assertThatThrownBy(() -> InboundEvents.confirmedLease(BID, noDuration)).hasMessageContaining("durationSeconds");
    }

    @Test
    void shouldKeepTheSampleWorkloadArgs() throws InvalidEventException {
        assertThat(InboundEvents.bidTerms(BID, EventSamples.bidOpened(ModeKind.RACE)).workload().get().args())
                .isEqualTo(List.of("--port", "8080"));
    }
}
