package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.transaction.spec.script.NativeScript;
import com.bloxbean.cardano.client.transaction.spec.script.RequireTimeAfter;
import com.bloxbean.cardano.client.transaction.spec.script.RequireTimeBefore;
import com.bloxbean.cardano.client.transaction.spec.script.ScriptAll;
import com.bloxbean.cardano.client.transaction.spec.script.ScriptAny;
import com.bloxbean.cardano.client.transaction.spec.script.ScriptAtLeast;
import com.bloxbean.cardano.client.transaction.spec.script.ScriptPubkey;
import java.util.Set;

/** Evaluates timelock (native) scripts: signatures from the verified witnesses, time from the validity interval. */
final class NativeScripts {

    private NativeScripts() {
    }

    static boolean validates(NativeScript script, Set<String> signers, Long invalidBefore, Long invalidHereafter) {
        if (script instanceof ScriptPubkey key) {
            return signers.contains(key.getKeyHash());
        }
        if (script instanceof ScriptAll all) {
            return all.getScripts().stream().allMatch(s -> validates(s, signers, invalidBefore, invalidHereafter));
        }
        if (script instanceof ScriptAny any) {
            return any.getScripts().stream().anyMatch(s -> validates(s, signers, invalidBefore, invalidHereafter));
        }
        if (script instanceof ScriptAtLeast atLeast) {
            long passing = atLeast.getScripts().stream()
                    .filter(s -> validates(s, signers, invalidBefore, invalidHereafter)).count();
            return passing >= atLeast.getRequired().longValue();
        }
        if (script instanceof RequireTimeAfter after) {
            return invalidBefore != null && invalidBefore >= after.getSlot().longValue();
        }
        if (script instanceof RequireTimeBefore before) {
            return invalidHereafter != null && invalidHereafter <= before.getSlot().longValue();
        }
        return false;
    }
}
