/**
 * Bid: an application's escrow (maxPrice plus the output's min-ADA) for one compute request.
 *
 * Accept{operatorPkh, price} - race mode; signed by that operator.
 * Award{offerRef}            - auction/reputation mode; signed by the arbiter or the app; spends the
 *                              named Offer (an input at the Offer script whose datum names this bid).
 * Cancel                     - signed by the app; the app takes everything.
 *
 * Accept and Award settle the same way: the price lies in [minPrice, maxPrice], the operator is
 * allowed, the validity range ends by the deadline, exactly `price` lovelace goes to the Lease
 * script with the LeaseDatum this bid implies (startMs = end of the validity range), and the rest of
 * the bid's lovelace goes back to the app in an output tagged with this bid's out-ref.
 *
 * The Offer and Lease script hashes are compiled in as constants (see ../../DESIGN.md).
 */
import {
    bool, data, int, pfn, plam, plet, pmatch, pBool, pisEmpty, punsafeConvertType, passert,
    perror, pnot, unit, POutputDatum, PPubKeyHash, PScriptContext, PTxOut
} from "@harmoniclabs/plu-ts";
import { BidDatum, BidRedeemer, LeaseDatum, OfferDatum } from "./types";
import {
    asData, bytesData, check, dataEq, intData, pallowed, pfiniteUpperBound, plovelace, ppaysTagged, psignedBy,
    pspentOutput, scriptCredential
} from "./common";

export function bidValidator(offerScriptHash: Uint8Array, leaseScriptHash: Uint8Array) {
    const leaseCredential = scriptCredential(leaseScriptHash);
    const offerCredential = scriptCredential(offerScriptHash);

    return pfn([PScriptContext.type], unit)(({ tx, redeemer, purpose }) =>
        passert.$(
            pmatch(purpose)
                .onSpending(({ utxoRef, datum }) => {
                    const bid = plet(punsafeConvertType(datum.unwrap, BidDatum.type));
                    const signatories = plet(tx.signatories);
                    const outputs = plet(tx.outputs);
                    const upper = plet(pfiniteUpperBound.$(tx.interval));
                    const isRace = plet(pmatch(bid.mode).onRace(_ => pBool(true))._(_ => pBool(false)));

                    const settles = plet(pfn([PPubKeyHash.type, int], bool)((operatorPkh, price) => {
                        const bidLovelace = plovelace.$(pspentOutput.$(tx.inputs).$(utxoRef).value);
                        const leaseDatum = plet(asData(POutputDatum.InlineDatum({
                            datum: asData(LeaseDatum.LeaseDatum({
                                bidRef: asData(utxoRef),
                                appPkh: bytesData(bid.appPkh),
                                operatorPkh: bytesData(operatorPkh),
                                price: intData(price),
                                startMs: intData(upper),
                                durationSeconds: intData(bid.request.durationSeconds),
                                arbiter: asData(bid.arbiter)
                            }))
                        })));

                        return check("price out of range", bid.minPrice.ltEq(price).and(price.ltEq(bid.maxPrice)))
                            .and(check("operator not allowed", pallowed.$(bid.allowedOperators).$(operatorPkh)))
                            .and(check("after deadline", upper.ltEq(bid.deadline)))
                            .and(check("no lease output", outputs.some(plam(PTxOut.type, bool)(out =>
                                dataEq(out.address.credential, leaseCredential)
                                    .and(dataEq(out.datum, leaseDatum))
                                    .and(plovelace.$(out.value).eq(price))
                                    .and(pisEmpty.$(out.value.tail))
                            ))))
                            .and(check("rest not returned to app",
                                ppaysTagged.$(outputs).$(bid.appPkh).$(utxoRef).$(bidLovelace.sub(price))));
                    }));

                    return pmatch(punsafeConvertType(redeemer, BidRedeemer.type))
                        .onCancel(_ =>
                            check("app must sign", psignedBy.$(signatories).$(bid.appPkh))
                        )
                        .onAccept(({ operatorPkh, price }) =>
                            check("not race mode", isRace)
                                .and(check("operator must sign", signatories.some(operatorPkh.peq)))
                                .and(settles.$(operatorPkh).$(price))
                        )
                        .onAward(({ offerRef }) => {
                            const offerOut = plet(pspentOutput.$(tx.inputs).$(offerRef));
                            const offer = plet(punsafeConvertType(
                                pmatch(offerOut.datum)
                                    .onInlineDatum(({ datum: offerDatum }) => offerDatum)
                                    ._(_ => perror(data)),
                                OfferDatum.type));
                            const request = plet(bid.request);
                            const offered = plet(offer.offered);
                            const arbiterSigned = pmatch(bid.arbiter)
                                .onJust(({ val }) => psignedBy.$(signatories).$(val))
                                .onNothing(_ => pBool(false));

                            return check("race mode", pnot.$(isRace))
                                .and(check("arbiter or app must sign",
                                    arbiterSigned.or(signatories.some(bid.appPkh.peq))))
                                .and(check("offer not at offer script", dataEq(offerOut.address.credential, offerCredential)))
                                .and(check("offer for another bid", offer.bidRef.eq(utxoRef)))
                                .and(check("offer below request",
                                    offered.cpuMillis.gtEq(request.cpuMillis)
                                        .and(offered.memoryMiB.gtEq(request.memoryMiB))
                                        .and(offered.storageGiB.gtEq(request.storageGiB))
                                        .and(offered.gpus.gtEq(request.gpus))))
                                .and(check("offer expired", upper.ltEq(offer.expiry)))
                                .and(settles.$(offer.operatorPkh).$(offer.price));
                        });
                })
                ._(_ => pBool(false))
        )
    );
}
