package dev.fabric.plutus.budget;

import com.bloxbean.cardano.client.api.util.CostModelUtil;
import com.bloxbean.cardano.client.plutus.spec.CostMdls;

/**
 * The 251-parameter Plutus V3 cost model of mainnet epoch 507: the one Scalus 0.8.2 was built
 * against (it bundles that epoch's parameters) and the one cardano-client-lib 0.7.0 carries as its
 * built-in default. The L2 parameters list 297 V3 parameters; pricing with both shows whether the
 * difference matters for our scripts.
 */
final class Epoch507CostModel {

    private Epoch507CostModel() {
    }

    static CostMdls load() {
        CostMdls mdls = new CostMdls();
        mdls.add(CostModelUtil.PlutusV3CostModel);
        return mdls;
    }
}
