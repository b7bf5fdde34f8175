/**
 * Small on-chain helpers shared by the three validators.
 *
 * Each helper is hoisted (a closed term compiled once per script and referenced by name), never
 * an inlined TypeScript function: plu-ts 0.9.0 miscompiles an identical non-hoisted expression
 * used in two match branches ("Non-functional application" at evaluation).
 */
import {
    bool, data, fn, int, list, pif, pfn, phoist, plet, precursive, punsafeConvertType, ptraceError, pmatch, pBool, pisEmpty, plam, perror, pStr,
    pBSToData, pIntToData, peqData, pData, DataB, DataConstr,
    PCredential, POutputDatum, PPubKeyHash, PTxInInfo, PTxOut, PValue, PInterval, PTxOutRef, Term, PType
} from "@harmoniclabs/plu-ts";

/** True when the key hash is among the transaction's signatories. */
export const psignedBy = phoist(
    pfn([list(PPubKeyHash.type), PPubKeyHash.type], bool)
        ((signatories, pkh) => signatories.some(pkh.peq))
);

/** An empty allow-list admits every operator. */
export const pallowed = phoist(
    pfn([list(PPubKeyHash.type), PPubKeyHash.type], bool)
        ((allowed, pkh) => pisEmpty.$(allowed).or(allowed.some(pkh.peq)))
);

/**
 * Lovelace of a ledger-built value: the ada entry always comes first (empty policy id sorts
 * lowest), so no search is needed.
 */
export const plovelace = phoist(
    pfn([PValue.type], int)(value => value.head.snd.head.snd)
);

/** Upper end of the validity range; a transaction without one cannot prove "before the deadline". */
export const pfiniteUpperBound = phoist(
    pfn([PInterval.type], int)(interval =>
        pmatch(interval.to.bound)
            .onPFinite(({ n }) => n)
            ._(_ => perror(int))
    )
);

/** Lower end of the validity range; a transaction without one cannot prove "after". */
export const pfiniteLowerBound = phoist(
    pfn([PInterval.type], int)(interval =>
        pmatch(interval.from.bound)
            .onPFinite(({ n }) => n)
            ._(_ => perror(int))
    )
);

/**
 * The output pays at least `amount` lovelace to `pkh` (key credential, any staking part) and
 * carries the inline datum `tag` (the spent script input's own out-ref). The tag binds the
 * payment to exactly one script input, so one output can never satisfy two of them.
 */
export const ppaidTagged = phoist(
    pfn([PTxOut.type, PPubKeyHash.type, PTxOutRef.type, int], bool)
        ((out, pkh, tag, amount) =>
            out.address.credential.eq(PCredential.PPubKeyCredential({ pkh: pBSToData.$(pkh) }))
                .and(out.datum.eq(POutputDatum.InlineDatum({ datum: asData(tag) })))
                .and(plovelace.$(out.value).gtEq(amount))
        )
);

/** Some output satisfies {@link ppaidTagged}. */
export const ppaysTagged = phoist(
    pfn([list(PTxOut.type), PPubKeyHash.type, PTxOutRef.type, int], bool)
        ((outputs, pkh, tag, amount) =>
            outputs.some(plam(PTxOut.type, bool)(out => ppaidTagged.$(out).$(pkh).$(tag).$(amount)))
        )
);

/**
 * The output spent by the input at `ref`; fails when the transaction does not spend `ref`.
 * Hand-written recursion rather than `find`: no Maybe is built and matched per call, which is a
 * sizeable share of Award's budget (it looks up two inputs).
 */
export const pspentOutput = phoist(
    precursive(
        pfn([fn([list(PTxInInfo.type), PTxOutRef.type], PTxOut.type), list(PTxInInfo.type), PTxOutRef.type], PTxOut.type)
            ((self, inputs, ref) => {
                const input = plet(inputs.head);
                return pif(PTxOut.type).$(input.utxoRef.eq(ref))
                    .then(input.resolved)
                    .else(self.$(inputs.tail).$(ref));
            })
    )
);

/** Script credential of a compiled-in script hash, as a Data constant (compared with equalsData). */
export function scriptCredential(scriptHash: Uint8Array): Term<any> {
    return pData(new DataConstr(1, [new DataB(scriptHash)]));
}

/**
 * plu-ts struct constructors take their fields as Data and do not convert; structs already are
 * Data, so this only widens the TypeScript type.
 */
export function asData(term: Term<PType>): any {
    return term;
}

export function bytesData(term: Term<any>): any {
    return pBSToData.$(term);
}

export function intData(term: Term<any>): any {
    return pIntToData.$(term);
}

export function dataEq(a: Term<any>, b: Term<any>) {
    return peqData.$(a).$(b);
}

/**
 * All conditions hold, in order; the first that does not fails the script with its reason as a
 * trace. Each condition costs one ifThenElse on the happy path (cheaper than and-ing traced
 * booleans), and the reasons are what the evaluation tests assert on.
 */
export function requireAll(conditions: Array<[string, any]>, andThen: any = pBool(true)): ReturnType<typeof pBool> {
    return conditions.reduceRight(
        (rest, [reason, condition]) => pif(bool).$(condition).then(rest).else(ptraceError(bool).$(pStr(reason))),
        andThen);
}

export { pBool, data };
