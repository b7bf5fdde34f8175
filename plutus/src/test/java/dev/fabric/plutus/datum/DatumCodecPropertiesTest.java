package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.plutus.blueprint.Blueprint;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every datum and redeemer: decoding what was encoded gives it back (also through CBOR), and the
 * encoding conforms to the schema the blueprint gives for that validator's datum or redeemer.
 */
class DatumCodecPropertiesTest {

    private static final Blueprint BLUEPRINT = Blueprint.fromClasspath();
    private static final SchemaConformance SCHEMAS = new SchemaConformance(BLUEPRINT);

    private static JsonNode datumSchema(String validator) {
        return BLUEPRINT.validator(validator).orElseThrow().datumSchema();
    }

    private static JsonNode redeemerSchema(String validator) {
        return BLUEPRINT.validator(validator).orElseThrow().redeemerSchema();
    }

    private static void assertConforms(JsonNode schema, PlutusData data) {
        List<String> violations = SCHEMAS.violations(schema, data);
        assertEquals(List.of(), violations);
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

    @Provide
    Arbitrary<BidRedeemer> bidRedeemers() {
        return Datums.bidRedeemers();
    }

    @Property
    void bidDatumRoundTripsAndMatchesTheBlueprint(@ForAll("bids") BidDatum bid) {
        PlutusData data = bid.toPlutusData();
        assertEquals(bid, BidDatum.fromPlutusData(data));
        assertEquals(bid, BidDatum.fromInlineDatumCbor(data.serializeToBytes()));
        assertConforms(datumSchema("bid.spend"), data);
    }

    @Property
    void offerDatumRoundTripsAndMatchesTheBlueprint(@ForAll("offers") OfferDatum offer) {
        PlutusData data = offer.toPlutusData();
        assertEquals(offer, OfferDatum.fromPlutusData(data));
        assertEquals(offer, OfferDatum.fromInlineDatumHex(data.serializeToHex()));
        assertConforms(datumSchema("offer.spend"), data);
    }

    @Property
    void leaseDatumRoundTripsAndMatchesTheBlueprint(@ForAll("leases") LeaseDatum lease) {
        PlutusData data = lease.toPlutusData();
        assertEquals(lease, LeaseDatum.fromPlutusData(data));
        assertEquals(lease, LeaseDatum.fromInlineDatumCbor(data.serializeToBytes()));
        assertConforms(datumSchema("lease.spend"), data);
    }

    @Property
    void bidRedeemerRoundTripsAndMatchesTheBlueprint(@ForAll("bidRedeemers") BidRedeemer redeemer) {
        PlutusData data = redeemer.toPlutusData();
        assertEquals(redeemer, BidRedeemer.fromPlutusData(data));
        assertConforms(redeemerSchema("bid.spend"), data);
    }

    @Property
    void offerAndLeaseRedeemersMatchTheBlueprint(@ForAll OfferRedeemer offer, @ForAll LeaseRedeemer lease) {
        assertEquals(offer, OfferRedeemer.fromPlutusData(offer.toPlutusData()));
        assertEquals(lease, LeaseRedeemer.fromPlutusData(lease.toPlutusData()));
        assertConforms(redeemerSchema("offer.spend"), offer.toPlutusData());
        assertConforms(redeemerSchema("lease.spend"), lease.toPlutusData());
    }
}
