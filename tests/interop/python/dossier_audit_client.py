#!/usr/bin/python3
"""An inspection system auditing a dossier over gRPC DossierAudit, on the C-core (Debian python3-grpcio).

Reads the history, verifies the chain, takes the export and checks it with the auditor's offline tool
(tools/verify-history.py), and reads the state at a past instant. Exits 0 when the case passes. Usage:
  dossier_audit_client.py --server_port N --rest_url URL --api_key KEY --descriptor_set FILE --case NAME --code CODE ...
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

import grpc

from interop_support import Messages, expect, fails_with

SERVICE = "/onestop.dossiers.v1.DossierAudit/"
PACKAGE = "onestop.dossiers.v1."
VERIFY_TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tools", "verify-history.py")
CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


class Audit:
    def __init__(self, args):
        self.args = args
        self.m = Messages(args.descriptor_set)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{args.server_port}")
        self.metadata = (("x-api-key", args.api_key),)

    def call(self, name, request, response, metadata=None, **fields):
        method = self.channel.unary_unary(SERVICE + name, request_serializer=lambda message: message.SerializeToString(),
                                          response_deserializer=self.m[PACKAGE + response].FromString)
        return method(self.m[PACKAGE + request](**fields), metadata=self.metadata if metadata is None else metadata, timeout=10)

    def history(self, code, metadata=None):
        return self.call("GetHistory", "GetHistoryRequest", "AuditedHistory", metadata, code=code)

    def verify(self, code, **kept_head):
        return self.call("VerifyHistory", "VerifyHistoryRequest", "HistoryVerification", code=code, **kept_head)

    def export(self, code):
        return self.call("ExportHistory", "ExportHistoryRequest", "HistoryExportFile", code=code)

    def state_at(self, code, instant=None):
        fields = {"code": code}
        if instant is not None:
            seconds = (instant - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(seconds=1)
            fields["at"] = self.m["google.protobuf.Timestamp"](seconds=seconds, nanos=instant.microsecond * 1000)
        return self.call("GetStateAt", "GetStateAtRequest", "DossierStateAt", **fields)


def offline_verification(export):
    """Writes the exported file as an auditor would and runs the offline tool on it: (exit code, output)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, export.file_name)
        with open(path, "wb") as file:
            file.write(export.content)
        tool = subprocess.run([sys.executable, VERIFY_TOOL, path], capture_output=True, text=True, timeout=60)
        return tool.returncode, tool.stdout + tool.stderr


@case
def audit(a):
    code, events = a.args.code, a.args.events
    history = a.history(code)
    expect([e.version for e in history.events] == list(range(1, events + 1)), f"versions {[e.version for e in history.events]}")
    expect(all(e.actor.startswith("user:") and e.unit and len(e.hash) == 64 for e in history.events), f"events {history.events}")
    expect(history.events[0].type == "dossiers.received.v1" and json.loads(history.events[0].data_json)["code"] == code,
           f"first event {history.events[0]}")
    expect(history.events[0].description != "", "no description of the first event")
    expect(history.head_version == events and history.head_hash == history.events[-1].hash, f"head {history.head_version} {history.head_hash}")

    verdict = a.verify(code)
    expect(verdict.valid and verdict.events_checked == events and not verdict.HasField("broken_version"), f"verification {verdict}")
    expect(verdict.message.startswith(f"Chuỗi băm của hồ sơ {code} toàn vẹn"), f"message {verdict.message!r}")
    kept = a.verify(code, kept_head_version=verdict.head_version, kept_head_hash=verdict.head_hash)
    expect(kept.valid and not kept.kept_head_missing, f"verification with the kept head {kept}")
    rewritten = a.verify(code, kept_head_version=1, kept_head_hash="0" * 64)
    expect(not rewritten.valid and rewritten.kept_head_missing and rewritten.broken_version == 1, f"verification with a foreign head {rewritten}")
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: a.verify(code, kept_head_version=1, kept_head_hash="not-hex"))

    export = a.export(code)
    expect(export.file_name == f"{code}.history.json" and export.head_hash == history.head_hash, f"export {export.file_name} {export.head_hash}")
    document = json.loads(export.content.decode("utf-8"))
    expect(document["formatVersion"] == 1 and document["head"]["hash"] == history.head_hash, f"document head {document['head']}")
    exit_code, output = offline_verification(export)
    expect(exit_code == 0 and f"VALID: stream {history.stream_id}, {events} events" in output, f"offline tool: {output}")

    instant = datetime.datetime.fromisoformat(a.args.at)
    then = a.state_at(code, instant)
    expect(then.version == a.args.at_version, f"state at {a.args.at}: version {then.version}, expected {a.args.at_version}")
    expect(then.hash == history.events[a.args.at_version - 1].hash, f"state hash {then.hash}")
    expect(json.loads(then.state_json)["code"] == code and then.status and then.status_text, f"state {then}")
    before = a.state_at(code, datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc))
    expect(before.version == 0 and before.state_json == "" and not before.HasField("recorded_at"), f"state in 2000 {before}")

    fails_with(grpc.StatusCode.NOT_FOUND, lambda: a.history("000.00.00.H00-000101-9999"))
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: a.state_at(code))
    fails_with(grpc.StatusCode.UNAUTHENTICATED, lambda: a.history(code, metadata=()))


@case
def tampered(a):
    code, broken = a.args.code, a.args.broken_version
    verdict = a.verify(code)
    expect(not verdict.valid and verdict.broken_version == broken and verdict.broken_position > 0, f"verification {verdict}")
    expect(f"phiên bản {broken}" in verdict.message, f"message {verdict.message!r}")
    exit_code, output = offline_verification(a.export(code))
    expect(exit_code == 1 and f"version {broken} MISMATCH" in output and f"INVALID: stream {verdict.stream_id}, version {broken}" in output,
           f"offline tool: {output}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--rest_url", required=True)
    parser.add_argument("--api_key", required=True)
    parser.add_argument("--descriptor_set", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--code", required=True)
    parser.add_argument("--events", type=int, default=0)
    parser.add_argument("--at")
    parser.add_argument("--at_version", type=int, default=0)
    parser.add_argument("--broken_version", type=int, default=0)
    args = parser.parse_args()
    CASES[args.case](Audit(args))
    print(f"{args.case}: passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
