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


def utf8(text, version):
    if not isinstance(text, str):
        raise Mismatch(version, "a hashed field is not a text")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise Mismatch(version, "data or metadata is not valid Unicode text")


def readable_instant(micros):
    return (EPOCH + datetime.timedelta(microseconds=micros)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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
    previous = sha256(utf8(stream_id, None))                                    # hash(0) = SHA-256(UTF-8(stream id))
    if document["genesisHash"] != previous.hex():
        raise Mismatch(None, "genesisHash is not SHA-256 of the stream id")

    chain = []
    for expected_version, event in enumerate(document["events"], start=1):
        version = event["version"]
        if type(version) is not int or version != expected_version:
            raise Mismatch(expected_version, "found version %r where %d belongs: an event is missing or out of order"
                           % (version, expected_version))

        micros = event["recordedAtMicros"]
        try:
            readable = readable_instant(micros) if type(micros) is int and micros >= 0 else None
        except OverflowError:
            readable = None
        if readable is None or event["recordedAt"] != readable:
            raise Mismatch(version, "recordedAt does not agree with recordedAtMicros")

        digest = sha256(utf8(event["type"], version), b"\n", utf8(event["data"], version), b"\n", utf8(event["metadata"], version))
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
            document = json.loads(file.read().decode("utf-8"), object_pairs_hook=no_duplicate_keys)
    except (OSError, ValueError) as error:
        print("INVALID: not a readable history export: %s" % error)
        return 1

    stream = document.get("streamId") if isinstance(document, dict) else None
    print("stream %s" % stream)
    try:
        chain = verify(document, sys.stdout)
    except Mismatch as mismatch:
        where = "" if mismatch.version is None else ", version %d" % mismatch.version
        if mismatch.version is not None:
            print("version %d MISMATCH: %s" % (mismatch.version, mismatch.problem))
        print("INVALID: stream %s%s: %s" % (stream, where, mismatch.problem))
        return 1
    except (KeyError, TypeError, AttributeError) as error:
        print("INVALID: not a history export: missing or malformed field %s" % error)
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
