package dev.fabric.plutus.datum;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.HexFormat;
import java.util.Optional;

/** jqwik generators of valid datums and redeemers, over the full ranges the codecs accept. */
final class Datums {

    private Datums() {
    }

    static Arbitrary<KeyHash> keyHashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(KeyHash.LENGTH).map(KeyHash::of);
    }

    static Arbitrary<OutRef> outRefs() {
        return Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> HexFormat.of().formatHex(b)),
                Arbitraries.integers().between(0, Integer.MAX_VALUE)).as(OutRef::new);
    }

    static Arbitrary<Long> amounts() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE).edgeCases(c -> c.add(0L, Long.MAX_VALUE));
    }

    static Arbitrary<Request> requests() {
        Arbitrary<Optional<String>> regions = Arbitraries.strings().ofMaxLength(40).optional();
        Arbitrary<String> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> HexFormat.of().formatHex(b));
        return Combinators.combine(amounts(), amounts(), amounts(), amounts(),
                Arbitraries.longs().between(1, Long.MAX_VALUE), regions, hashes).as(Request::new);
    }

    static Arbitrary<Mode> modes() {
        return Arbitraries.oneOf(
                Arbitraries.just(new Mode.Race()),
                amounts().map(Mode.Auction::new),
                Combinators.combine(Arbitraries.integers().between(0, 10_000), amounts()).as(Mode.Reputation::new));
    }

    static Arbitrary<BidDatum> bids() {
        Arbitrary<long[]> prices = Combinators.combine(amounts(), amounts())
                .as((a, b) -> new long[]{Math.min(a, b), Math.max(a, b)});
        return Combinators.combine(keyHashes(), requests(), prices, modes(), amounts(), keyHashes().optional(),
                        keyHashes().list().ofMaxSize(5))
                .as((app, request, range, mode, deadline, arbiter, allowed) ->
                        new BidDatum(app, request, range[0], range[1], mode, deadline, arbiter, allowed));
    }

    static Arbitrary<Resources> resources() {
        return Combinators.combine(amounts(), amounts(), amounts(), amounts()).as(Resources::new);
    }

    static Arbitrary<OfferDatum> offers() {
        return Combinators.combine(outRefs(), keyHashes(), amounts(), resources(), amounts()).as(OfferDatum::new);
    }

    static Arbitrary<LeaseDatum> leases() {
        return Combinators.combine(outRefs(), keyHashes(), keyHashes(), amounts(), amounts(), amounts(),
                keyHashes().optional()).as(LeaseDatum::new);
    }

    static Arbitrary<BidRedeemer> bidRedeemers() {
        return Arbitraries.oneOf(
                Combinators.combine(keyHashes(), amounts()).as(BidRedeemer.Accept::new),
                outRefs().map(BidRedeemer.Award::new),
                Arbitraries.just(new BidRedeemer.Cancel()));
    }
}
