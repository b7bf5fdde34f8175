package dev.fabric.plutus.blueprint;

import com.bloxbean.cardano.client.common.model.Networks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class FabricScriptsTest {

    @Test
    void shouldDeriveHashesAndAddressesFromTheCompiledCode() {
        ValidatorSet scripts = FabricScripts.validators();
        assertEquals(3, scripts.all().stream().map(FabricScript::scriptHash).distinct().count());
        for (FabricScript script : scripts.all()) {
            assertEquals(56, script.scriptHash().length());
            String address = script.addressBech32(Networks.testnet());
            assertTrue(address.startsWith("addr_test1w"), address);
            assertTrue(script.sizeBytes() > 0);
        }
        assertEquals(FabricScripts.bid(), scripts.bid());
    }

    @Test
    void shouldCompileTheOfferAndLeaseHashesIntoTheBid() {
        Blueprint blueprint = Blueprint.fromClasspath();
        String bidCode = blueprint.validator(ValidatorSet.BID).orElseThrow().compiledCode();
        assertTrue(bidCode.contains(FabricScripts.offer().scriptHash()), "offer hash is a constant of the bid script");
        assertTrue(bidCode.contains(FabricScripts.lease().scriptHash()), "lease hash is a constant of the bid script");
    }

    @Test
    void shouldRefuseABlueprintWhoseHashDoesNotMatchItsCode() {
        String json = new String(readBlueprint(), StandardCharsets.UTF_8);
        String leaseHash = FabricScripts.lease().scriptHash();
        Blueprint tampered = Blueprint.parse(json.replace("\"hash\": \"" + leaseHash + "\"",
                "\"hash\": \"" + "00".repeat(28) + "\"").getBytes(StandardCharsets.UTF_8));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ValidatorSet.from(tampered));
        assertTrue(e.getMessage().contains("recompile"), e.getMessage());
    }

    @Test
    void shouldDescribeDatumAndRedeemerOfEveryValidator() {
        Blueprint blueprint = Blueprint.fromClasspath();
        assertEquals("v3", blueprint.json().path("preamble").path("plutusVersion").asText());
        assertEquals("0.9.0", blueprint.json().path("preamble").path("compiler").path("version").asText());
        for (String title : new String[]{ValidatorSet.BID, ValidatorSet.OFFER, ValidatorSet.LEASE}) {
            Blueprint.Validator v = blueprint.validator(title).orElseThrow();
            assertTrue(blueprint.resolve(v.datumSchema()).has("anyOf"), title);
            assertTrue(blueprint.resolve(v.redeemerSchema()).has("anyOf"), title);
        }
    }

    private static byte[] readBlueprint() {
        try (var in = Blueprint.class.getResourceAsStream(Blueprint.RESOURCE)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
