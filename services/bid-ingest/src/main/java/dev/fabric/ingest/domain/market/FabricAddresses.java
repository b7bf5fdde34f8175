package dev.fabric.ingest.domain.market;

import dev.fabric.ingest.domain.tx.ConwayOutput;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.blueprint.ValidatorSet;

/**
 * Which outputs belong to the Fabric validators: the payment credential is the script's hash (from the
 * compiled blueprint, never typed by hand) on the configured network. Any staking part is allowed,
 * since paying to a script with a stake credential still locks the funds under the script.
 *
 * @param networkId the address network nibble: 0 for test networks, 1 for mainnet
 */
public record FabricAddresses(byte[] bidScriptHash, byte[] offerScriptHash, byte[] leaseScriptHash, int networkId) {

    public static FabricAddresses of(ValidatorSet scripts, int networkId) {
        if (networkId < 0 || networkId > 15) {
            throw new IllegalArgumentException("network id is a 4-bit number, got " + networkId);
        }
        return new FabricAddresses(scripts.bid().scriptHashBytes(), scripts.offer().scriptHashBytes(),
                scripts.lease().scriptHashBytes(), networkId);
    }

    public static FabricAddresses ofBlueprint(int networkId) {
        return of(FabricScripts.validators(), networkId);
    }

    public boolean isBid(ConwayOutput output) {
        return output.paysToScript(bidScriptHash, networkId);
    }

    public boolean isOffer(ConwayOutput output) {
        return output.paysToScript(offerScriptHash, networkId);
    }

    public boolean isLease(ConwayOutput output) {
        return output.paysToScript(leaseScriptHash, networkId);
    }
}
