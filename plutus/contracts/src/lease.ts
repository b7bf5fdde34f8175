/**
 * Lease: the price escrowed for one awarded bid, until the operator is paid or the app refunded.
 *
 * Claim  - signed by the operator, and either the lease has run its course (validity range starts
 *          at or after startMs + durationSeconds) or the arbiter co-signs as proof of delivery.
 * Refund - signed by the arbiter, or by app and operator together; pays at least `price` to the app
 *          in an output tagged with this lease's out-ref.
 */
import { pfn, pmatch, pBool, punsafeConvertType, passert, plet, unit, PScriptContext } from "@harmoniclabs/plu-ts";
import { LeaseDatum, LeaseRedeemer } from "./types";
import { pfiniteLowerBound, ppaysTagged, psignedBy, requireAll } from "./common";

export const leaseValidator = pfn([PScriptContext.type], unit)(({ tx, redeemer, purpose }) =>
    passert.$(
        pmatch(purpose)
            .onSpending(({ utxoRef, datum }) => {
                const lease = plet(punsafeConvertType(datum.unwrap, LeaseDatum.type));
                const signatories = plet(tx.signatories);
                const arbiterSigned = pmatch(lease.arbiter)
                    .onJust(({ val }) => psignedBy.$(signatories).$(val))
                    .onNothing(_ => pBool(false));

                return pmatch(punsafeConvertType(redeemer, LeaseRedeemer.type))
                    .onClaim(_ => requireAll([
                        ["operator must sign", psignedBy.$(signatories).$(lease.operatorPkh)],
                        ["lease still running",
                            pfiniteLowerBound.$(tx.interval).gtEq(lease.startMs.add(lease.durationSeconds.mult(1000)))
                                .or(arbiterSigned)]
                    ]))
                    .onRefund(_ => requireAll([
                        ["arbiter or app and operator must sign", arbiterSigned.or(
                            psignedBy.$(signatories).$(lease.appPkh).and(psignedBy.$(signatories).$(lease.operatorPkh)))],
                        ["price not refunded to app", ppaysTagged.$(tx.outputs).$(lease.appPkh).$(utxoRef).$(lease.price)]
                    ]));
            })
            ._(_ => pBool(false))
    )
);
