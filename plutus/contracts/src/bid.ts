/**
 * Bid: an application's escrow (maxPrice plus a min-ADA deposit) for one compute request.
 *
 * Accept{operatorPkh, price} - race mode; signed by that operator.
 * Award{offerRef}            - auction/reputation mode; signed by the arbiter or the app; spends the
 *                              named Offer (an input at the Offer script whose datum names this bid).
 * Cancel                     - signed by the app; the app takes everything.
 *
 * Accept and Award settle the same way: the price lies in [minPrice, maxPrice], the operator is
 * allowed, the validity range ends by the deadline, the first output pays exactly `price` lovelace
 * (and nothing else) to the Lease script with the LeaseDatum this bid implies (startMs = end of the
 * validity range), and the second output returns the rest of the bid's lovelace to the app, tagged
 * with this bid's out-ref as inline datum.
 *
 * The Offer and Lease script hashes are compiled in as constants (see ../../DESIGN.md).
 */
import {
    bool, data, int, pfn, plet, pmatch, pBool, pisEmpty, punsafeConvertType, passert,
    perror, pnot, unit, POutputDatum, PPubKeyHash, PScriptContext
} from "@harmoniclabs/plu-ts";
import { BidDatum, BidRedeemer, LeaseDatum, OfferDatum } from "./types";
import {
    asData, bytesData, dataEq, intData, pallowed, pfiniteUpperBound, plovelace, ppaidTagged, psignedBy,
    pspentOutput, requireAll, scriptCredential
} from "./common";

export function bidValidator(offerScriptHash: Uint8Array, leaseScriptHash: Uint8Array) {
    const leaseCredential = scriptCredential(leaseScriptHash);
    const offerCredential = scriptCredential(offerScriptHash);

    return pfn([PScriptContext.type], unit)(({ tx, redeemer, purpose }) =>
        passert.$(
            // (cast: plu-ts cannot infer the result type through the nested destructuring match)
            (pmatch(purpose) as any)
                .onSpending(({ utxoRef, datum }: any) =>
                    pmatch(punsafeConvertType(datum.unwrap, BidDatum.type)).onBidDatum(bid => {
                        const signatories = plet(tx.signatories);
                        const outputs = plet(tx.outputs);
                        const upper = plet(pfiniteUpperBound.$(tx.interval));
                        const isRace = plet(pmatch(bid.mode).onRace(_ => pBool(true))._(_ => pBool(false)));

                        // Outputs are positional: the Lease first, the app's rest second. Both are bound
                        // to this bid (the lease datum names it, the rest is tagged with it), so no other
                        // input can claim them, and no output list has to be searched.
                        const settles = plet(pfn([PPubKeyHash.type, int], bool)((operatorPkh, price) => {
                            const leaseOut = plet(outputs.head);
                            const bidLovelace = plovelace.$(pspentOutput.$(tx.inputs).$(utxoRef).value);
                            const leaseDatum = asData(POutputDatum.InlineDatum({
                                datum: asData(LeaseDatum.LeaseDatum({
                                    bidRef: asData(utxoRef),
                                    appPkh: bytesData(bid.appPkh),
                                    operatorPkh: bytesData(operatorPkh),
                                    price: intData(price),
                                    startMs: intData(upper),
                                    durationSeconds: intData(bid.request.durationSeconds),
                                    arbiter: asData(bid.arbiter)
                                }))
                            }));
                            return requireAll([
                                ["price out of range", bid.minPrice.ltEq(price).and(price.ltEq(bid.maxPrice))],
                                ["operator not allowed", pallowed.$(bid.allowedOperators).$(operatorPkh)],
                                ["after deadline", upper.ltEq(bid.deadline)],
                                ["first output is not the lease",
                                    dataEq(leaseOut.address.credential, leaseCredential)
                                        .and(dataEq(leaseOut.datum, leaseDatum))
                                        .and(plovelace.$(leaseOut.value).eq(price))
                                        .and(pisEmpty.$(leaseOut.value.tail))],
                                ["rest not returned to app",
                                    ppaidTagged.$(outputs.tail.head).$(bid.appPkh).$(utxoRef).$(bidLovelace.sub(price))]
                            ]);
                        }));

                        return pmatch(punsafeConvertType(redeemer, BidRedeemer.type))
                            .onCancel(_ => requireAll([
                                ["app must sign", psignedBy.$(signatories).$(bid.appPkh)]
                            ]))
                            .onAccept(({ operatorPkh, price }) => requireAll([
                                ["not race mode", isRace],
                                ["operator must sign", signatories.some(operatorPkh.peq)]
                            ], settles.$(operatorPkh).$(price)))
                            .onAward(({ offerRef }) => {
                                const offerOut = plet(pspentOutput.$(tx.inputs).$(offerRef));
                                const offerData = pmatch(offerOut.datum)
                                    .onInlineDatum(({ datum: offerDatum }) => offerDatum)
                                    ._(_ => perror(data));
                                const arbiterSigned = pmatch(bid.arbiter)
                                    .onJust(({ val }) => psignedBy.$(signatories).$(val))
                                    .onNothing(_ => pBool(false));

                                return requireAll([
                                    ["race mode", pnot.$(isRace)],
                                    ["arbiter or app must sign", arbiterSigned.or(signatories.some(bid.appPkh.peq))],
                                    ["offer not at offer script", dataEq(offerOut.address.credential, offerCredential)]
                                ], pmatch(punsafeConvertType(offerData, OfferDatum.type)).onOfferDatum(offer =>
                                    requireAll([
                                        ["offer for another bid", offer.bidRef.eq(utxoRef)],
                                        ["offer below request", pmatch(bid.request).onRequest(request =>
                                            pmatch(offer.offered).onResources(offered =>
                                                offered.cpuMillis.gtEq(request.cpuMillis)
                                                    .and(offered.memoryMiB.gtEq(request.memoryMiB))
                                                    .and(offered.storageGiB.gtEq(request.storageGiB))
                                                    .and(offered.gpus.gtEq(request.gpus))))],
                                        ["offer expired", upper.ltEq(offer.expiry)]
                                    ], settles.$(offer.operatorPkh).$(offer.price))));
                            });
                    }))
                ._((_: any) => pBool(false))
        )
    );
}
