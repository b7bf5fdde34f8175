package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.BigIntPlutusData;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ListPlutusData;
import com.bloxbean.cardano.client.plutus.spec.MapPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import dev.fabric.testkit.CorpusTally;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad-input corpus for the bid, offer and lease datums (jqwik): a valid datum with one node of its
 * Plutus Data mutated (wrong constructor, a field dropped or added, a negative or oversized integer,
 * bytes too long, another kind of node), or its CBOR truncated or bit-flipped. Each must be refused
 * with {@link DatumDecodingException} naming a field path, or decode to a datum that encodes back to
 * exactly the mutated data (the mutation landed somewhere the layout allows). Anything else, another
 * exception above all, fails the property.
 */
class DatumCorpusTest {

    private static final CorpusTally TALLY = new CorpusTally("plutus-datums");

    @AfterContainer
    static void report() {
        TALLY.report();
    }

    @Provide
    Arbitrary<BidDatum> bids() {
        return Datums.bids();
    }

    @Provide
    Arbitrary<OfferDatum> offers() {
        return Datums.offers();
    }

    @Provide
    Arbitrary<LeaseDatum> leases() {
        return Datums.leases();
    }

    @Property(tries = 150)
    void mutatedBidDataIsRefusedWithAPath(@ForAll("bids") BidDatum bid, @ForAll Random random) {
        check(mutate(bid.toPlutusData(), random), BidDatum::fromPlutusData, BidDatum::toPlutusData, "BidDatum");
    }

    @Property(tries = 100)
    void mutatedOfferDataIsRefusedWithAPath(@ForAll("offers") OfferDatum offer, @ForAll Random random) {
        check(mutate(offer.toPlutusData(), random), OfferDatum::fromPlutusData, OfferDatum::toPlutusData, "OfferDatum");
    }

    @Property(tries = 100)
    void mutatedLeaseDataIsRefusedWithAPath(@ForAll("leases") LeaseDatum lease, @ForAll Random random) {
        check(mutate(lease.toPlutusData(), random), LeaseDatum::fromPlutusData, LeaseDatum::toPlutusData, "LeaseDatum");
    }

    @Property(tries = 150)
    void damagedBidCborIsRefusedOrRoundTrips(@ForAll("bids") BidDatum bid, @ForAll Random random) {
        byte[] cbor = damage(bid.toPlutusData().serializeToBytes(), random);
        TALLY.tried();
        BidDatum decoded;
        try {
            decoded = BidDatum.fromInlineDatumCbor(cbor);
        } catch (DatumDecodingException refused) {
            assertFalse(refused.getMessage().isBlank());
            TALLY.rejected();
            return;
        } catch (RuntimeException e) {
            fail("damaged CBOR escaped as " + e, e);
            return;
        }
        assertEquals(decoded, BidDatum.fromInlineDatumCbor(decoded.toPlutusData().serializeToBytes()));
        TALLY.accepted();
    }

    /** Found by this corpus: five bytes declaring 2^31 array items made the CBOR library exhaust the heap. */
    @Example
    void aDeclaredLengthBeyondTheBytesIsRefusedBeforeAllocating() {
        byte[] hugeArray = {(byte) 0x9a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] hugeMap = {(byte) 0xbb, 0, 0, 0, 1, 0, 0, 0, 0};
        byte[] deep = new byte[100_000];
        Arrays.fill(deep, (byte) 0x81);
        for (byte[] cbor : List.of(hugeArray, hugeMap, deep)) {
            TALLY.tried();
            DatumDecodingException e = assertThrows(DatumDecodingException.class, () -> BidDatum.fromInlineDatumCbor(cbor));
            assertTrue(e.getMessage().startsWith("BidDatum: not CBOR-encoded Plutus data"), e.getMessage());
            TALLY.rejected();
        }
    }

    /**
     * Found by this corpus on a later run: the library decodes every item of the bytes, so a valid
     * datum followed by such a header exhausted the heap too.
     */
    @Example
    void aDeclaredLengthAfterTheFirstItemIsRefusedToo() {
        byte[] datum = Datums.bids().sample().toPlutusData().serializeToBytes();
        byte[] trailing = Arrays.copyOf(datum, datum.length + 5);
        System.arraycopy(new byte[] {(byte) 0x9a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, 0, trailing, datum.length, 5);
        TALLY.tried();
        DatumDecodingException e = assertThrows(DatumDecodingException.class, () -> BidDatum.fromInlineDatumCbor(trailing));
        assertTrue(e.getMessage().contains("declares 2147483647 items or bytes"), e.getMessage());
        TALLY.rejected();
    }

    /** The same bound reaches into embedded CBOR: an inline datum inside a whole transaction. */
    @Example
    void aHugeLengthInsideEmbeddedCborIsRefused() {
        byte[] taggedHugeArray = {(byte) 0xd8, 0x18, 0x45, (byte) 0x9a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        TALLY.tried();
        DatumDecodingException e = assertThrows(DatumDecodingException.class,
                () -> PlutusDataCbor.requireLengthsWithinBounds(taggedHugeArray, "transaction"));
        assertTrue(e.getMessage().contains("declares 2147483647 items or bytes"), e.getMessage());
        TALLY.rejected();
        PlutusDataCbor.requireLengthsWithinBounds(new byte[] {(byte) 0xd8, 0x18, 0x41, 0x00}, "transaction");
    }

    private static <T> void check(PlutusData mutated, Function<PlutusData, T> decode, Function<T, PlutusData> encode, String type) {
        TALLY.tried();
        T decoded;
        try {
            decoded = decode.apply(mutated);
        } catch (DatumDecodingException refused) {
            if (!refused.path().startsWith(type)) {
                fail("path " + refused.path() + " does not start at " + type);
            }
            TALLY.rejected();
            return;
        } catch (RuntimeException e) {
            fail("mutated " + type + " escaped as " + e, e);
            return;
        }
        // Accepted: the decoder must not have reinterpreted anything.
        assertEquals(mutated.serializeToHex(), encode.apply(decoded).serializeToHex());
        TALLY.accepted();
    }

    private static byte[] damage(byte[] cbor, Random random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                return Arrays.copyOf(cbor, random.nextInt(cbor.length));
            }
            case 1 -> {
                byte[] flipped = cbor.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int at = random.nextInt(flipped.length);
                    flipped[at] ^= (byte) (1 << random.nextInt(8));
                }
                return flipped;
            }
            default -> {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                return noise;
            }
        }
    }

    /** The data with one node, chosen uniformly over the whole tree, replaced by a defective one. */
    static PlutusData mutate(PlutusData data, Random random) {
        int nodes = count(data);
        return replace(data, new int[] {random.nextInt(nodes)}, random);
    }

    private static int count(PlutusData data) {
        int n = 1;
        for (PlutusData child : children(data)) {
            n += count(child);
        }
        return n;
    }

    private static List<PlutusData> children(PlutusData data) {
        if (data instanceof ConstrPlutusData c) {
            return c.getData().getPlutusDataList();
        }
        if (data instanceof ListPlutusData l) {
            return l.getPlutusDataList();
        }
        return List.of();
    }

    private static PlutusData replace(PlutusData data, int[] target, Random random) {
        if (target[0]-- == 0) {
            return defect(data, random);
        }
        List<PlutusData> children = new ArrayList<>(children(data));
        for (int i = 0; i < children.size(); i++) {
            children.set(i, replace(children.get(i), target, random));
        }
        if (data instanceof ConstrPlutusData c) {
            return constr(c.getAlternative(), children);
        }
        if (data instanceof ListPlutusData) {
            return ListPlutusData.builder().plutusDataList(children).build();
        }
        return data;
    }

    private static ConstrPlutusData constr(long alternative, List<PlutusData> fields) {
        return ConstrPlutusData.builder().alternative(alternative)
                .data(ListPlutusData.builder().plutusDataList(new ArrayList<>(fields)).build()).build();
    }

    private static PlutusData defect(PlutusData node, Random random) {
        if (node instanceof ConstrPlutusData c) {
            List<PlutusData> fields = new ArrayList<>(c.getData().getPlutusDataList());
            switch (random.nextInt(3)) {
                case 0 -> {
                    return constr(c.getAlternative() + 1 + random.nextInt(5), fields);
                }
                case 1 -> {
                    if (!fields.isEmpty()) {
                        fields.remove(random.nextInt(fields.size()));
                    } else {
                        fields.add(BigIntPlutusData.of(1));
                    }
                    return constr(c.getAlternative(), fields);
                }
                default -> {
                    fields.add(random.nextInt(fields.size() + 1), BytesPlutusData.of(new byte[3]));
                    return constr(c.getAlternative(), fields);
                }
            }
        }
        if (node instanceof BigIntPlutusData i) {
            return switch (random.nextInt(3)) {
                case 0 -> BigIntPlutusData.of(i.getValue().negate().subtract(BigInteger.ONE));
                case 1 -> BigIntPlutusData.of(BigInteger.TWO.pow(63 + random.nextInt(200)).add(i.getValue()));
                default -> BytesPlutusData.of(i.getValue().toByteArray());
            };
        }
        if (node instanceof BytesPlutusData b) {
            return switch (random.nextInt(3)) {
                case 0 -> BytesPlutusData.of(Arrays.copyOf(b.getValue(), b.getValue().length + 1 + random.nextInt(200)));
                case 1 -> BigIntPlutusData.of(b.getValue().length);
                default -> ListPlutusData.builder().plutusDataList(new ArrayList<>(List.of(b))).build();
            };
        }
        if (node instanceof ListPlutusData l) {
            return random.nextBoolean()
                    ? MapPlutusData.builder().build()
                    : ListPlutusData.builder().plutusDataList(new ArrayList<>(List.of(BigIntPlutusData.of(-1), l))).build();
        }
        return ConstrPlutusData.of(99);
    }
}
