package dev.fabric.plutus.blueprint;

import com.bloxbean.cardano.client.address.Address;
import com.bloxbean.cardano.client.address.AddressProvider;
import com.bloxbean.cardano.client.address.Credential;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.exception.CborSerializationException;
import com.bloxbean.cardano.client.plutus.blueprint.PlutusBlueprintUtil;
import com.bloxbean.cardano.client.plutus.blueprint.model.PlutusVersion;
import com.bloxbean.cardano.client.plutus.spec.PlutusV3Script;
import com.bloxbean.cardano.client.util.HexUtil;

/**
 * One compiled validator. The script hash is computed from the compiled code and checked against the
 * hash the compiler wrote into the blueprint; no hash is ever typed by hand.
 */
public record FabricScript(String title, PlutusV3Script plutusScript, String scriptHash) {

    static FabricScript of(Blueprint.Validator validator) {
        PlutusV3Script script = (PlutusV3Script) PlutusBlueprintUtil.getPlutusScriptFromCompiledCode(
                validator.compiledCode(), PlutusVersion.v3);
        String computed;
        try {
            computed = HexUtil.encodeHexString(script.getScriptHash());
        } catch (CborSerializationException e) {
            throw new IllegalStateException("cannot hash validator " + validator.title(), e);
        }
        if (!computed.equals(validator.hash())) {
            throw new IllegalStateException("blueprint hash of " + validator.title() + " is " + validator.hash()
                    + " but its compiled code hashes to " + computed + ": recompile the contracts");
        }
        return new FabricScript(validator.title(), script, computed);
    }

    public byte[] scriptHashBytes() {
        return HexUtil.decodeHexString(scriptHash);
    }

    /** Enterprise script address (no staking part): where outputs locked by this validator live. */
    public Address address(Network network) {
        // From the checked hash: hashing the script again (what getEntAddress(script) does) costs more than the rest.
        return AddressProvider.getEntAddress(Credential.fromScript(scriptHashBytes()), network);
    }

    /** Bech32 form of {@link #address(Network)}. */
    public String addressBech32(Network network) {
        return address(network).toBech32();
    }

    /** Size of the script as it appears in a witness set or a reference-script output. */
    public int sizeBytes() {
        return HexUtil.decodeHexString(plutusScript.getCborHex()).length;
    }
}
