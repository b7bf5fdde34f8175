package dev.fabric.plutus.blueprint;

import com.bloxbean.cardano.client.plutus.spec.PlutusScript;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The three Fabric validators of one blueprint. */
public record ValidatorSet(FabricScript bid, FabricScript offer, FabricScript lease) {

    public static final String BID = "bid.spend";
    public static final String OFFER = "offer.spend";
    public static final String LEASE = "lease.spend";

    public static ValidatorSet from(Blueprint blueprint) {
        return new ValidatorSet(load(blueprint, BID), load(blueprint, OFFER), load(blueprint, LEASE));
    }

    public List<FabricScript> all() {
        return List.of(bid, offer, lease);
    }

    /** Scripts by hash (hex), as an evaluator needs them to resolve reference scripts. */
    public Map<String, PlutusScript> byHash() {
        return all().stream().collect(Collectors.toUnmodifiableMap(FabricScript::scriptHash,
                script -> (PlutusScript) script.plutusScript()));
    }

    private static FabricScript load(Blueprint blueprint, String title) {
        return FabricScript.of(blueprint.validator(title)
                .orElseThrow(() -> new IllegalStateException("blueprint has no validator " + title)));
    }
}
