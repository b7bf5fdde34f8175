/**
 * Compiles the three validators and writes the CIP-57 blueprint (plutus.json).
 *
 *   node build/compile.js [output path]   (default: ../src/main/resources/plutus.json)
 *   node build/compile.js --check         compare with the committed blueprint, exit 1 if it differs
 *
 * The output is deterministic: same sources and same locked dependencies give the same bytes, which
 * the Maven `contracts` profile checks against the committed file.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { compile, Cbor, CborBytes, Script, PPubKeyHash, PTxOutRef } from "@harmoniclabs/plu-ts";
import { BidDatum, BidRedeemer, LeaseDatum, LeaseRedeemer, Mode, OfferDatum, OfferRedeemer, Request, Resources } from "./types";
import { leaseValidator } from "./lease";
import { offerValidator } from "./offer";
import { bidValidator } from "./bid";

/** UPLC 1.1.0: the version Plutus V3 scripts are serialised with. */
const UPLC_VERSION: [number, number, number] = [1, 1, 0];

type Schema = Record<string, unknown>;

interface CompiledValidator {
    flat: Uint8Array;
    compiledCode: string;
    hash: string;
}

function compileValidator(term: Parameters<typeof compile>[0]): CompiledValidator {
    const flat = compile(term, UPLC_VERSION);
    return {
        flat,
        // Blueprint convention (as Aiken writes it): the flat program wrapped once as a CBOR byte string.
        compiledCode: Buffer.from(Cbor.encode(new CborBytes(flat)).toBuffer()).toString("hex"),
        hash: new Script("PlutusScriptV3", flat).hash.toString()
    };
}

// ---- data schemas, derived from the pstruct definitions so they cannot drift from the scripts ----

/** Named types: referenced through #/definitions, matched by identity of their plu-ts type. */
const named: Array<[unknown, string, () => Schema]> = [];
const definitions: Record<string, Schema> = {};

/** Extra constraints the type system cannot express: shown to integrators and enforced by the Java decoders. */
const NON_NEGATIVE = { minimum: 0 };
const refinements: Record<string, Schema> = {
    "Request.cpuMillis": NON_NEGATIVE,
    "Request.memoryMiB": NON_NEGATIVE,
    "Request.storageGiB": NON_NEGATIVE,
    "Request.gpus": NON_NEGATIVE,
    "Request.durationSeconds": { minimum: 1 },
    "Request.workloadHash": { minLength: 32, maxLength: 32, description: "blake2b-256 of the canonical workload spec" },
    "Auction.windowMs": NON_NEGATIVE,
    "Reputation.minScoreBps": { minimum: 0, maximum: 10000 },
    "Reputation.priorityWindowMs": NON_NEGATIVE,
    "BidDatum.minPrice": NON_NEGATIVE,
    "BidDatum.maxPrice": NON_NEGATIVE,
    "BidDatum.deadline": { minimum: 0, description: "POSIX ms" },
    "Accept.price": NON_NEGATIVE,
    "Resources.cpuMillis": NON_NEGATIVE,
    "Resources.memoryMiB": NON_NEGATIVE,
    "Resources.storageGiB": NON_NEGATIVE,
    "Resources.gpus": NON_NEGATIVE,
    "OfferDatum.price": NON_NEGATIVE,
    "OfferDatum.expiry": { minimum: 0, description: "POSIX ms" },
    "LeaseDatum.price": NON_NEGATIVE,
    "LeaseDatum.startMs": { minimum: 0, description: "POSIX ms" },
    "LeaseDatum.durationSeconds": NON_NEGATIVE
};

function structType(def: Record<string, Record<string, unknown>>): unknown[] {
    return ["struct", def];
}

function name(type: unknown, title: string, schema: () => Schema) {
    named.push([type, title, schema]);
}

function ref(title: string): Schema {
    return { $ref: `#/definitions/${title}` };
}

function schemaOf(type: any): Schema {
    for (const [t, title, make] of named) {
        if (t === type) {
            if (!(title in definitions)) {
                definitions[title] = {}; // placeholder first: guards against recursion
                definitions[title] = make();
            }
            return ref(title);
        }
    }
    switch (type[0]) {
        case "int": return { dataType: "integer" };
        case "bs": return { dataType: "bytes" };
        case "alias": return schemaOf(type[1]);
        case "list": return { dataType: "list", items: schemaOf(type[1]) };
        case "struct": return isMaybe(type[1]) ? optionRef(type[1].Just.val) : { anyOf: constructors(type[1]) };
        default: throw new Error(`no blueprint schema for plu-ts type ${JSON.stringify(type)}`);
    }
}

function constructors(def: Record<string, Record<string, unknown>>): Schema[] {
    return Object.keys(def).map((ctor, index) => ({
        title: ctor,
        dataType: "constructor",
        index,
        fields: Object.keys(def[ctor]).map(field => ({
            title: field,
            ...schemaOf(def[ctor][field]),
            ...(refinements[`${ctor}.${field}`] ?? {})
        }))
    }));
}

function struct(title: string, type: any, description: string) {
    name(type, title, () => ({ title, description, anyOf: constructors(type[1]) }));
}

name(PPubKeyHash.type, "VerificationKeyHash", () => ({
    title: "VerificationKeyHash",
    description: "blake2b-224 hash of an Ed25519 verification key",
    dataType: "bytes", minLength: 28, maxLength: 28
}));
name(PTxOutRef.type, "OutputReference", () => ({
    title: "OutputReference",
    description: "A transaction output: transaction id and output index",
    anyOf: [{
        title: "OutputReference", dataType: "constructor", index: 0,
        fields: [
            { title: "transactionId", dataType: "bytes", minLength: 32, maxLength: 32 },
            { title: "outputIndex", dataType: "integer", minimum: 0 }
        ]
    }]
}));
/** plu-ts' PMaybe: Just{val} = constructor 0, Nothing = constructor 1, i.e. the blueprint's Option. */
function isMaybe(def: Record<string, Record<string, unknown>>): boolean {
    const ctors = Object.keys(def);
    return ctors.length === 2 && ctors[0] === "Just" && ctors[1] === "Nothing"
        && Object.keys(def.Just).length === 1 && "val" in def.Just && Object.keys(def.Nothing).length === 0;
}

function optionRef(valueType: any): Schema {
    const inner = schemaOf(valueType);
    const innerName = typeof inner.$ref === "string" ? (inner.$ref as string).split("/").pop() : "ByteArray";
    const title = `Option$${innerName}`;
    if (!(title in definitions)) {
        definitions[title] = {
            title: `Option<${innerName}>`,
            anyOf: [
                { title: "Some", dataType: "constructor", index: 0, fields: [inner] },
                { title: "None", dataType: "constructor", index: 1, fields: [] }
            ]
        };
    }
    return ref(title);
}

struct("Request", Request.type, "Resources, duration, region (UTF-8) and workload hash an application asks for");
struct("Mode", Mode.type, "Allocation mode; only Race is decided on-chain");
struct("BidDatum", BidDatum.type, "Inline datum of a Bid output");
struct("BidRedeemer", BidRedeemer.type, "Ways to spend a Bid");
struct("Resources", Resources.type, "Resources an operator offers");
struct("OfferDatum", OfferDatum.type, "Inline datum of an Offer output");
struct("OfferRedeemer", OfferRedeemer.type, "Ways to spend an Offer");
struct("LeaseDatum", LeaseDatum.type, "Inline datum of a Lease output, written by Accept/Award");
struct("LeaseRedeemer", LeaseRedeemer.type, "Ways to spend a Lease");

// ---- compile ----

const lease = compileValidator(leaseValidator);
const offer = compileValidator(offerValidator);
const bid = compileValidator(bidValidator(
    Buffer.from(offer.hash, "hex"),
    Buffer.from(lease.hash, "hex")));

function validator(title: string, description: string, datum: string, redeemer: string, compiled: CompiledValidator) {
    return {
        title,
        description,
        datum: { title: "datum", schema: schemaOf(namedType(datum)) },
        redeemer: { title: "redeemer", schema: schemaOf(namedType(redeemer)) },
        compiledCode: compiled.compiledCode,
        hash: compiled.hash
    };
}

function namedType(title: string): unknown {
    const entry = named.find(([, t]) => t === title);
    if (!entry) throw new Error(`unknown type ${title}`);
    return entry[0];
}

const pluts = JSON.parse(readFileSync(require.resolve("@harmoniclabs/plu-ts/package.json"), "utf8"));
const blueprint = {
    preamble: {
        title: "fabric/contracts",
        description: "Fabric compute-grid escrow: bids, offers and leases on a Hydra head",
        version: "0.1.0",
        plutusVersion: "v3",
        compiler: { name: "plu-ts", version: pluts.version },
        license: "Apache-2.0"
    },
    validators: [
        validator("bid.spend",
            `Bid escrow (Accept | Award | Cancel). Compiled with the offer hash ${offer.hash} and the lease hash ${lease.hash} applied as constants.`,
            "BidDatum", "BidRedeemer", bid),
        validator("offer.spend", "Operator offer for one bid (Use | Withdraw)", "OfferDatum", "OfferRedeemer", offer),
        validator("lease.spend", "Escrowed price of an awarded bid (Claim | Refund)", "LeaseDatum", "LeaseRedeemer", lease)
    ],
    definitions: Object.fromEntries(Object.keys(definitions).sort().map(k => [k, definitions[k]]))
};

const committed = join(__dirname, "..", "..", "src", "main", "resources", "plutus.json");
const text = JSON.stringify(blueprint, null, 2) + "\n";
for (const v of blueprint.validators) {
    process.stderr.write(`${v.title.padEnd(12)} ${v.hash}  ${v.compiledCode.length / 2} bytes\n`);
}
if (process.argv[2] === "--check") {
    const current = existsSync(committed) ? readFileSync(committed) : Buffer.alloc(0);
    if (!current.equals(Buffer.from(text, "utf8"))) {
        process.stderr.write(`${committed} differs from what the sources compile to: run 'npm run compile' and commit it\n`);
        process.exit(1);
    }
    process.stderr.write(`${committed} matches the sources byte for byte\n`);
} else {
    const out = resolve(process.argv[2] ?? committed);
    writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
}
