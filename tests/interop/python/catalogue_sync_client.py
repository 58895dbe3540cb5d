#!/usr/bin/python3
"""A provincial portal reading the catalogue over gRPC CatalogueSync, on the C-core (Debian python3-grpcio).

Runs one case against a running platform host and exits 0 when it passes. Messages come from the protoset the
test writes (--descriptor_set). Usage:
  catalogue_sync_client.py --server_port N --rest_url URL --api_key KEY --descriptor_set FILE --case NAME [--code C ...]
"""
import argparse
import json
import queue
import sys
import threading
import urllib.request

import grpc

from interop_support import Messages, expect, fails_with, take

SERVICE = "/onestop.catalogue.v1.CatalogueSync/"
PACKAGE = "onestop.catalogue.v1."
CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


class Sync:
    def __init__(self, args):
        self.args = args
        self.m = Messages(args.descriptor_set)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{args.server_port}")
        self.metadata = (("x-api-key", args.api_key),)

    def _method(self, kind, name, request, response):
        return getattr(self.channel, kind)(
            SERVICE + name,
            request_serializer=lambda message: message.SerializeToString(),
            response_deserializer=self.m[PACKAGE + response].FromString)

    def get(self, metadata=None, **fields):
        call = self._method("unary_unary", "GetProcedure", "GetProcedureRequest", "Procedure")
        return call(self.m[PACKAGE + "GetProcedureRequest"](**fields), metadata=self.metadata if metadata is None else metadata, timeout=10)

    def list(self, **fields):
        call = self._method("unary_unary", "ListProcedures", "ListProceduresRequest", "ListProceduresResponse")
        return call(self.m[PACKAGE + "ListProceduresRequest"](**fields), metadata=self.metadata, timeout=10)

    def search(self, **fields):
        call = self._method("unary_unary", "SearchProcedures", "SearchProceduresRequest", "SearchProceduresResponse")
        return call(self.m[PACKAGE + "SearchProceduresRequest"](**fields), metadata=self.metadata, timeout=10)

    def watch(self, cursor=""):
        call = self._method("unary_stream", "WatchCatalogueChanges", "WatchCatalogueChangesRequest", "CatalogueChange")
        return call(self.m[PACKAGE + "WatchCatalogueChangesRequest"](cursor=cursor), metadata=self.metadata)

    def enum(self, name, value):
        return self.m.pool.FindEnumTypeByName(PACKAGE + name).values_by_name[value].number


def describe(change):
    """(kind, key) of a change, e.g. ("procedure_version_published", "1.000001/2")."""
    kind = change.WhichOneof("change")
    body = getattr(change, kind)
    if kind == "procedure_version_published":
        return kind, f"{body.code}/{body.version}"
    if kind == "unit_procedures_assigned":
        return kind, body.unit_code
    return kind, body.code


@case
def get_procedure(s):
    code = s.args.code
    first = s.get(code=code, as_of="2025-06-30")
    expect(first.version == 1, f"version on 2025-06-30 is {first.version}, expected 1")
    expect(first.content.name == "Đăng ký khai sinh", f"name is {first.content.name!r}")
    expect([c.code for c in first.content.components] == ["TK", "GCS", "UQ"], f"components {list(first.content.components)}")
    expect(first.content.processing_time.same_day, "version 1 is same-day")
    expect(first.status == s.enum("ProcedureStatus", "PROCEDURE_STATUS_IN_FORCE"), f"status {first.status}")
    expect(first.permalink.endswith("/thu-tuc/" + code), f"permalink {first.permalink}")

    second = s.get(code=code, as_of="2025-07-01")
    expect(second.version == 2 and second.content.processing_time.working_days == 3, f"version on 2025-07-01: {second}")
    expect([v.decision.number for v in second.versions] == ["100/QĐ-UBND", "200/QĐ-UBND"], f"versions {list(second.versions)}")

    error = fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: s.get(code=code, as_of="30/06/2025"))
    expect("as_of" in dict(error.trailing_metadata()).get("grpc-status-details-bin", b"").decode("latin-1"),
           "the bad date's field is not named in the status details")
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: s.get(code="0.000000"))
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: s.get(code=code, as_of="2024-01-01"))
    fails_with(grpc.StatusCode.UNAUTHENTICATED, lambda: s.get(code=code, metadata=()))


@case
def list_and_search(s):
    listed = s.list(field_code="GRPC", page_size=2)
    expect(listed.total == 3, f"total {listed.total}, expected 3")
    expect([p.code for p in listed.items] == sorted(s.args.codes)[:2], f"first page {[p.code for p in listed.items]}")
    second = s.list(field_code="GRPC", page_size=2, page=2)
    expect([p.code for p in second.items] == sorted(s.args.codes)[2:], f"second page {[p.code for p in second.items]}")
    full = s.list(field_code="GRPC", online_level=s.enum("OnlineLevel", "ONLINE_LEVEL_FULL"))
    expect(full.total == 3, f"toàn trình filter: {full.total}")

    hits = s.search(query="DKKS", field_code="GRPC")
    expect(hits.total >= 1 and hits.items[0].name == "Đăng ký khai sinh", f"DKKS found {list(hits.items)}")
    expect(hits.items[0].match == s.enum("SearchMatch", "SEARCH_MATCH_EXACT_INITIALS"), f"match {hits.items[0].match}")
    accentless = s.search(query="dang ky khai sinh", field_code="GRPC")
    expect(accentless.total == 3, f"'dang ky khai sinh' found {accentless.total}")
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: s.search(query="x" * 500))


@case
def watch_resume_and_live(s):
    expected = s.args.expect
    everything = s.watch()
    history = take(everything, expected)
    everything.cancel()
    keys = [describe(c) for c in history]
    expect(len(history) == expected, f"{len(history)} changes, expected {expected}: {keys}")
    expect(len(set(c.cursor for c in history)) == expected, "cursors repeat")

    # A portal that lost its connection after applying the k-th change resumes from its cursor.
    k = expected // 2
    resumed = s.watch(history[k - 1].cursor)
    tail = take(resumed, expected - k)
    resumed.cancel()
    expect([describe(c) for c in tail] == keys[k:], f"resumed {[describe(c) for c in tail]}, expected {keys[k:]}")

    # Live: a change committed while the portal watches arrives, and nothing else before it.
    live = s.watch(history[-1].cursor)
    received = queue.Queue()
    threading.Thread(target=lambda: received.put(take(live, 1, seconds=20)), daemon=True).start()
    publish(s.args.rest_url, s.args.live_code, s.args.live_field)
    arrived = received.get(timeout=30)
    live.cancel()
    expect([describe(c) for c in arrived] == [("procedure_version_published", f"{s.args.live_code}/1")],
           f"live change {[describe(c) for c in arrived]}")
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: take(s.watch("not-a-cursor"), 1))


def publish(rest_url, code, field):
    """Publishes a procedure over REST as a catalogue controller, as the admin UI does."""
    body = {
        "code": code,
        "content": {
            "name": "Chứng thực bản sao từ bản chính", "fieldCode": field, "level": "commune", "agency": "UBND cấp xã",
            "steps": ["Nộp hồ sơ"], "channels": ["direct"], "components": [],
            "processingTime": {"workingDays": 1, "sameDay": False, "cutOffHour": 15},
            "fees": [], "legalBasis": ["Nghị định 23/2015/NĐ-CP"], "result": "Bản sao được chứng thực", "onlineLevel": "partial",
        },
        "decision": {"number": "300/QĐ-UBND", "signedOn": "2025-08-01", "issuer": "Chủ tịch UBND tỉnh", "effectiveFrom": "2025-08-01"},
    }
    request = urllib.request.Request(rest_url + "/api/catalogue/procedures", data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/json", "X-Onestop-User": "portal-test", "X-Onestop-Roles": "catalogue_controller"})
    with urllib.request.urlopen(request, timeout=10) as response:
        expect(response.status == 201, f"publishing over REST answered {response.status}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--rest_url", required=True)
    parser.add_argument("--api_key", required=True)
    parser.add_argument("--descriptor_set", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--code")
    parser.add_argument("--codes", nargs="*", default=[])
    parser.add_argument("--expect", type=int, default=0)
    parser.add_argument("--live_code")
    parser.add_argument("--live_field")
    args = parser.parse_args()
    CASES[args.case](Sync(args))
    print(f"{args.case}: passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
