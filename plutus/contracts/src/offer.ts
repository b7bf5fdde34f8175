/**
 * Offer: an operator's answer to one bid. Holds only its min-ADA deposit.
 *
 * Use      - the bid named in the datum is spent in the same transaction with Award naming this
 *            offer. The Bid validator does every other check (price, resources, signer, lease).
 * Withdraw - signed by the operator.
 */
import { pfn, pmatch, pBool, punsafeConvertType, passert, plet, unit, PScriptContext, PScriptPurpose } from "@harmoniclabs/plu-ts";
import { BidRedeemer, OfferDatum, OfferRedeemer } from "./types";
import { asData, dataEq, psignedBy, requireAll } from "./common";

export const offerValidator = pfn([PScriptContext.type], unit)(({ tx, redeemer, purpose }) =>
    passert.$(
        pmatch(purpose)
            .onSpending(({ utxoRef, datum }) => {
                const offer = plet(punsafeConvertType(datum.unwrap, OfferDatum.type));

                return pmatch(punsafeConvertType(redeemer, OfferRedeemer.type))
                    .onUse(_ => requireAll([
                        ["bid not awarded to this offer",
                            pmatch(tx.redeemers.lookup(PScriptPurpose.Spending({ utxoRef: asData(offer.bidRef) })))
                                .onJust(({ val }) => dataEq(val, BidRedeemer.Award({ offerRef: asData(utxoRef) })))
                                .onNothing(_ => pBool(false))]
                    ]))
                    .onWithdraw(_ => requireAll([
                        ["operator must sign", psignedBy.$(tx.signatories).$(offer.operatorPkh)]
                    ]));
            })
            ._(_ => pBool(false))
    )
);
