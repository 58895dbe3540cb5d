#!/usr/bin/env python3
"""Verify a history export of the one-stop platform offline, with nothing but the Python 3 standard library.

Usage: python3 tools/verify-history.py EXPORT.json [--expect-head VERSION:HASH]

Recomputes the hash chain of the exported stream exactly as docs/audit.md describes and prints one line per event:
OK, or the first mismatch (and stops there). Exit code 0 when every event and the head match, 1 otherwise.
--expect-head checks that a head you kept from an earlier export is still in the chain (nothing was cut off).
"""

import argparse
import datetime
import hashlib
import json
import sys

FORMAT = "onestop.history-export"
FORMAT_VERSION = 1
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class Mismatch(Exception):
    def __init__(self, version, problem):
        super().__init__(problem)
        self.version = version
        self.problem = problem


def sha256(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def readable_instant(micros):
    return (EPOCH + datetime.timedelta(microseconds=micros)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Every field the procedure reads, with its JSON type. Other fields (streamType, exportedAt, hashing) are not read.
DOCUMENT = {"format": str, "formatVersion": int, "streamId": str, "genesisHash": str, "events": list, "head": dict}
EVENT = {"version": int, "type": str, "recordedAtMicros": int, "recordedAt": str, "data": str, "metadata": str, "hash": str}
HEAD = {"version": int, "hash": str}


def check_shape(document):
    """Raises ValueError unless every field read is present with its type: texts valid Unicode, integers within 64 bits."""
    def check(value, shape, where):
        if type(value) is not dict:
            raise ValueError("%s is not an object" % where)
        for key, kind in shape.items():
            if key not in value:
                raise ValueError("%s.%s is missing" % (where, key))
            field = value[key]
            if type(field) is not kind:
                raise ValueError("%s.%s is not a %s" % (where, key, {str: "text", int: "integer"}.get(kind, kind.__name__)))
            if kind is int and not -2 ** 63 <= field < 2 ** 63:
                raise ValueError("%s.%s is not an integer of at most 64 bits" % (where, key))
            if kind is str:
                field.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError, a ValueError

    check(document, DOCUMENT, "document")
    for index, event in enumerate(document["events"]):
        check(event, EVENT, "events[%d]" % index)
    check(document["head"], HEAD, "head")


def no_constants(name):
    raise ValueError("%s is not JSON" % name)


def no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError("duplicate key(s) " + ", ".join(duplicates))
    return dict(pairs)


def verify(document, out):
    """Returns the list of (version, hash) verified; raises Mismatch at the first problem."""
    if document.get("format") != FORMAT or document.get("formatVersion") != FORMAT_VERSION:
        raise Mismatch(None, "unsupported format %r version %r" % (document.get("format"), document.get("formatVersion")))

    stream_id = document["streamId"]
    previous = sha256(stream_id.encode("utf-8"))  # hash(0) = SHA-256(UTF-8(stream id))
    if document["genesisHash"] != previous.hex():
        raise Mismatch(None, "genesisHash is not SHA-256 of the stream id")

    chain = []
    for expected_version, event in enumerate(document["events"], start=1):
        version = event["version"]
        if version != expected_version:
            raise Mismatch(expected_version, "found version %r where %d belongs: an event is missing or out of order"
                           % (version, expected_version))

        micros = event["recordedAtMicros"]
        try:
            readable = readable_instant(micros) if micros >= 0 else None
        except OverflowError:
            readable = None
        if readable is None or event["recordedAt"] != readable:
            raise Mismatch(version, "recordedAt does not agree with recordedAtMicros")

        # digest(n) = SHA-256(UTF-8(type) || 0x0A || UTF-8(data) || 0x0A || UTF-8(metadata))
        digest = sha256(event["type"].encode("utf-8"), b"\n", event["data"].encode("utf-8"), b"\n", event["metadata"].encode("utf-8"))
        # hash(n) = SHA-256(hash(n-1) || digest(n) || recordedAtMicros as 8 bytes, big-endian, signed)
        recomputed = sha256(previous, digest, micros.to_bytes(8, "big", signed=True))
        if event["hash"] != recomputed.hex():
            raise Mismatch(version, "the hash recomputed from the previous hash, type, data, metadata and recording time "
                                    "differs from the recorded hash")

        out.write("version %d OK  %s  %s  %s\n" % (version, event["recordedAt"], event["type"], event["hash"]))
        chain.append((version, event["hash"]))
        previous = recomputed

    head = document["head"]
    if head["version"] != len(chain) or head["hash"] != previous.hex():
        raise Mismatch(None, "head is not the last event's version and hash")
    return chain


def main():
    parser = argparse.ArgumentParser(description="Verify a history export offline (see docs/audit.md).")
    parser.add_argument("export", help="the history export (JSON)")
    parser.add_argument("--expect-head", metavar="VERSION:HASH", help="a head kept from an earlier export")
    args = parser.parse_args()

    try:
        with open(args.export, "rb") as file:
            document = json.loads(file.read().decode("utf-8-sig"), object_pairs_hook=no_duplicate_keys, parse_constant=no_constants)
        check_shape(document)
    except (OSError, ValueError, RecursionError) as error:
        print("INVALID: not a history export: %s" % error)
        return 1

    stream = document["streamId"]
    print("stream %s" % stream)
    try:
        chain = verify(document, sys.stdout)
    except Mismatch as mismatch:
        where = "" if mismatch.version is None else ", version %d" % mismatch.version
        if mismatch.version is not None:
            print("version %d MISMATCH: %s" % (mismatch.version, mismatch.problem))
        print("INVALID: stream %s%s: %s" % (stream, where, mismatch.problem))
        return 1

    if args.expect_head:
        version, _, expected_hash = args.expect_head.partition(":")
        kept = (int(version) if version.isdigit() else -1, expected_hash.lower())
        if kept not in [(0, document["genesisHash"])] + chain:
            print("INVALID: stream %s: the expected head %s is not in this chain (events were removed or rewritten)" % (stream, args.expect_head))
            return 1

    print("VALID: stream %s, %d events, head version %d hash %s" % (stream, len(chain), document["head"]["version"], document["head"]["hash"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
