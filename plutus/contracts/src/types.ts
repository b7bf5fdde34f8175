/**
 * On-chain data types of the Fabric contracts.
 *
 * Every struct here is Plutus Data (Constr index = order of the constructors below). The Java
 * bindings in dev.fabric.plutus.datum mirror these layouts field by field, and a Java test checks
 * them against the blueprint schemas generated from these very definitions.
 */
import { bs, int, list, pstruct, PMaybe, PPubKeyHash, PTxOutRef } from "@harmoniclabs/plu-ts";

/** Resources the application asks for and for how long. region is UTF-8 bytes, Nothing = anywhere. */
export const Request = pstruct({
    Request: {
        cpuMillis: int,
        memoryMiB: int,
        storageGiB: int,
        gpus: int,
        durationSeconds: int,
        region: PMaybe(bs).type,
        workloadHash: bs
    }
});

/** How the winner is chosen. Only Race is decided on-chain; windows and scores are off-chain rules. */
export const Mode = pstruct({
    Race: {},
    Auction: { windowMs: int },
    Reputation: { minScoreBps: int, priorityWindowMs: int }
});

export const BidDatum = pstruct({
    BidDatum: {
        appPkh: PPubKeyHash.type,
        request: Request.type,
        minPrice: int,
        maxPrice: int,
        mode: Mode.type,
        deadline: int,
        arbiter: PMaybe(PPubKeyHash.type).type,
        allowedOperators: list(PPubKeyHash.type)
    }
});

export const BidRedeemer = pstruct({
    Accept: { operatorPkh: PPubKeyHash.type, price: int },
    Award: { offerRef: PTxOutRef.type },
    Cancel: {}
});

/** What an operator offers; compared field by field with the bid's Request. */
export const Resources = pstruct({
    Resources: {
        cpuMillis: int,
        memoryMiB: int,
        storageGiB: int,
        gpus: int
    }
});

export const OfferDatum = pstruct({
    OfferDatum: {
        bidRef: PTxOutRef.type,
        operatorPkh: PPubKeyHash.type,
        price: int,
        offered: Resources.type,
        expiry: int
    }
});

export const OfferRedeemer = pstruct({
    Use: {},
    Withdraw: {}
});

export const LeaseDatum = pstruct({
    LeaseDatum: {
        bidRef: PTxOutRef.type,
        appPkh: PPubKeyHash.type,
        operatorPkh: PPubKeyHash.type,
        price: int,
        startMs: int,
        durationSeconds: int,
        arbiter: PMaybe(PPubKeyHash.type).type
    }
});

export const LeaseRedeemer = pstruct({
    Claim: {},
    Refund: {}
});
