package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.BigIntPlutusData;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ListPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import dev.fabric.plutus.blueprint.Blueprint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Malformed datums are refused with the path of the offending field. */
class DatumDecodingTest {

    private static final KeyHash APP = KeyHash.ofHex("aa".repeat(28));
    private static final BidDatum BID = new BidDatum(APP,
            new Request(1000, 2048, 10, 0, 600, Optional.of("eu"), "11".repeat(32)),
            5_000_000, 9_000_000, new Mode.Reputation(8000, 60_000), 1_800_000_000_000L,
            Optional.of(KeyHash.ofHex("bb".repeat(28))), List.of(KeyHash.ofHex("cc".repeat(28))));

    /** The bid's data with field {@code index} (of the top constructor, or of a nested one) replaced. */
    private static PlutusData withField(PlutusData data, int index, PlutusData replacement) {
        ConstrPlutusData constr = (ConstrPlutusData) data;
        List<PlutusData> fields = new ArrayList<>(constr.getData().getPlutusDataList());
        fields.set(index, replacement);
        return ConstrPlutusData.builder().alternative(constr.getAlternative())
                .data(ListPlutusData.builder().plutusDataList(fields).build()).build();
    }

    private static DatumDecodingException refused(PlutusData data) {
        return assertThrows(DatumDecodingException.class, () -> BidDatum.fromPlutusData(data));
    }

    @Test
    void shouldNameTheFieldOfAShortKeyHash() {
        DatumDecodingException e = refused(withField(BID.toPlutusData(), 0, BytesPlutusData.of(new byte[27])));
        assertEquals("BidDatum.appPkh", e.path());
        assertTrue(e.getMessage().contains("expected 28 bytes, got 27"), e.getMessage());
    }

    @Test
    void shouldNameANestedField() {
        PlutusData request = withField(BID.request().toPlutusData(), 6, BytesPlutusData.of(new byte[31]));
        assertEquals("BidDatum.request.workloadHash", refused(withField(BID.toPlutusData(), 1, request)).path());
        PlutusData badRegion = withField(BID.request().toPlutusData(), 5,
                ConstrPlutusData.of(0, BytesPlutusData.of(new byte[]{(byte) 0xff, (byte) 0xfe})));
        DatumDecodingException e = refused(withField(BID.toPlutusData(), 1, badRegion));
        assertEquals("BidDatum.request.region.Some", e.path());
        assertTrue(e.getMessage().contains("UTF-8"));
    }

    @Test
    void shouldRefuseAWrongConstructorOrArity() {
        ConstrPlutusData other = ConstrPlutusData.of(1);
        assertTrue(refused(other).getMessage().contains("expected constructor 0, got constructor 1"));
        ConstrPlutusData shortBid = ConstrPlutusData.of(0, APP.toPlutusData());
        assertTrue(refused(shortBid).getMessage().contains("must have 8 field(s), has 1"));
        assertEquals("BidDatum.mode", refused(withField(BID.toPlutusData(), 4, ConstrPlutusData.of(3))).path());
    }

    @Test
    void shouldRefuseValuesOutsideTheBlueprintsRanges() {
        assertEquals("BidDatum.minPrice",
                refused(withField(BID.toPlutusData(), 2, BigIntPlutusData.of(-1))).path());
        assertEquals("BidDatum.maxPrice", refused(withField(BID.toPlutusData(), 3,
                BigIntPlutusData.of(BigInteger.TWO.pow(64)))).path());
        PlutusData score = ConstrPlutusData.of(2, BigIntPlutusData.of(10_001), BigIntPlutusData.of(0));
        assertEquals("BidDatum.mode.Reputation.minScoreBps", refused(withField(BID.toPlutusData(), 4, score)).path());
    }

    @Test
    void shouldRefuseAPriceRangeThatCannotBeMet() {
        PlutusData inverted = withField(BID.toPlutusData(), 2, BigIntPlutusData.of(10_000_000));
        DatumDecodingException e = refused(inverted);
        assertEquals("BidDatum", e.path());
        assertTrue(e.getMessage().contains("below minPrice"));
    }

    @Test
    void shouldNameTheListElementThatIsWrong() {
        PlutusData allowed = ListPlutusData.of(APP.toPlutusData(), BigIntPlutusData.of(7));
        assertEquals("BidDatum.allowedOperators[1]", refused(withField(BID.toPlutusData(), 7, allowed)).path());
    }

    @Test
    void shouldRefuseBytesThatAreNotADatum() {
        assertThrows(DatumDecodingException.class, () -> BidDatum.fromInlineDatumCbor(new byte[]{(byte) 0xff, 0x01}));
        assertThrows(DatumDecodingException.class, () -> BidDatum.fromInlineDatumCbor(new byte[0]));
        assertThrows(DatumDecodingException.class, () -> OfferDatum.fromInlineDatumCbor(BID.toPlutusData().serializeToBytes()));
    }

    @Test
    void shouldRefuseUnknownRedeemers() {
        assertThrows(DatumDecodingException.class, () -> BidRedeemer.fromPlutusData(ConstrPlutusData.of(3)));
        assertThrows(DatumDecodingException.class, () -> OfferRedeemer.fromPlutusData(ConstrPlutusData.of(2)));
        assertThrows(DatumDecodingException.class, () -> LeaseRedeemer.fromPlutusData(BigIntPlutusData.of(0)));
    }

    @Test
    void shouldFlagMalformedDataAsNonConformingToo() {
        SchemaConformance schemas = new SchemaConformance(Blueprint.fromClasspath());
        var schema = Blueprint.fromClasspath().validator("bid.spend").orElseThrow().datumSchema();
        assertEquals(List.of(), schemas.violations(schema, BID.toPlutusData()));
        assertFalse(schemas.violations(schema, withField(BID.toPlutusData(), 0, BytesPlutusData.of(new byte[27]))).isEmpty());
        assertFalse(schemas.violations(schema, withField(BID.toPlutusData(), 2, BigIntPlutusData.of(-1))).isEmpty());
    }

    @Test
    void shouldKeepOutRefsInTheKafkaKeyForm() {
        OutRef ref = new OutRef("ab".repeat(32), 3);
        assertEquals("ab".repeat(32) + "#3", ref.toString());
        assertEquals(ref, OutRef.parse(ref.toString()));
    }

    @Test
    void shouldHoldIdsOnlyAsLowercaseHexOfTheirLength() {
        assertEquals("ab".repeat(28), KeyHash.ofHex("AB".repeat(28)).hex());
        for (String bad : new String[] {"AB".repeat(28), "ab".repeat(27), "ab".repeat(29), "ag".repeat(28), "a:".repeat(28), "ab".repeat(27) + "a/"}) {
            assertThrows(IllegalArgumentException.class, () -> new KeyHash(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new KeyHash(null));
        assertThrows(IllegalArgumentException.class, () -> new OutRef("AB".repeat(32), 0));
        assertThrows(IllegalArgumentException.class, () -> new OutRef("`b".repeat(32), 0));
        assertThrows(IllegalArgumentException.class, () -> new Request(1, 1, 1, 0, 1, Optional.empty(), "11".repeat(31) + "1G"));
        assertEquals("0123456789abcdef".repeat(4), new OutRef("0123456789abcdef".repeat(4), 0).txId());
    }
}
