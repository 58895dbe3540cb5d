#!/usr/bin/python3
"""A public-service portal on the C-core (Debian python3-grpcio) filing and following dossiers over gRPC DossierSync.

The officers' part of a dossier's life goes through REST with the development identity headers, as the admin UI
does; the portal's part (submit, retries, payment, status, the change stream) goes through gRPC. Exits 0 when the
case passes. Usage:
  dossier_sync_client.py --server_port N --rest_url URL --api_key KEY --descriptor_set FILE --case NAME --desk UNIT ...
"""
import argparse
import json
import queue
import sys
import threading
import urllib.error
import urllib.request
import uuid

import grpc

from interop_support import Messages, expect, fails_with, take

SERVICE = "/onestop.dossiers.v1.DossierSync/"
PACKAGE = "onestop.dossiers.v1."
CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


class Portal:
    def __init__(self, args):
        self.args = args
        self.m = Messages(args.descriptor_set)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{args.server_port}")
        self.metadata = (("x-api-key", args.api_key),)

    def _unary(self, name, request_type, response_type, metadata=None, **fields):
        method = self.channel.unary_unary(SERVICE + name, request_serializer=lambda message: message.SerializeToString(),
                                          response_deserializer=self.m[PACKAGE + response_type].FromString)
        return method(self.m[PACKAGE + request_type](**fields), metadata=self.metadata if metadata is None else metadata, timeout=10)

    def submit(self, reference, unit, phone="0912345678", components=("TK",), procedure=None, metadata=None):
        applicant = self.m[PACKAGE + "Applicant"](full_name="Trần Văn Bình", identity_number="001190054321", phone=phone,
                                                 address="5 Phan Đình Phùng, Hà Tĩnh")
        items = [self.m[PACKAGE + "ComponentReceipt"](code=code, originals=1) for code in components]
        return self._unary("SubmitDossier", "SubmitDossierRequest", "SubmittedDossier", metadata, portal_reference=reference, unit_code=unit,
                           procedure_code=procedure or self.args.procedure, applicant=applicant, components=items)

    def get(self, **key):
        return self._unary("GetDossier", "GetDossierRequest", "DossierStatusView", **key)

    def pay(self, code, receipt, amount=10_000, expected_version=0):
        return self._unary("RecordPayment", "RecordPaymentRequest", "PaymentRecorded", code=code, description="Lệ phí", amount=amount,
                           method="Thanh toán trực tuyến qua Cổng Dịch vụ công", receipt_number=receipt, expected_version=expected_version)

    def watch(self, cursor="", units=()):
        method = self.channel.unary_stream(SERVICE + "WatchDossierChanges", request_serializer=lambda message: message.SerializeToString(),
                                           response_deserializer=self.m[PACKAGE + "DossierChange"].FromString)
        return method(self.m[PACKAGE + "WatchDossierChangesRequest"](cursor=cursor, unit_codes=list(units)), metadata=self.metadata)

    def status(self, name):
        return self.m.pool.FindEnumTypeByName(PACKAGE + "DossierStatus").values_by_name["DOSSIER_STATUS_" + name].number

    def status_name(self, number):
        return self.m.pool.FindEnumTypeByName(PACKAGE + "DossierStatus").values_by_number[number].name[len("DOSSIER_STATUS_"):]


def rest(base_url, method, path, body, login, unit, roles):
    """An official's REST call with the development identity headers; returns the parsed JSON body."""
    request = urllib.request.Request(base_url + path, method=method, data=None if body is None else json.dumps(body).encode("utf-8"),
                                     headers={"Content-Type": "application/json", "X-Onestop-User": login, "X-Onestop-Unit": unit,
                                              "X-Onestop-Roles": roles})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{method} {path}: {error.code} {error.read().decode('utf-8')}")


def field_violations(p, error):
    """Field to message, as the google.rpc.BadRequest in grpc-status-details-bin gives them."""
    details = dict(error.trailing_metadata()).get("grpc-status-details-bin")
    expect(details is not None, f"no status details on {error.code()}: {error.details()}")
    fields = {}
    for detail in p.m["google.rpc.Status"].FromString(details).details:
        if detail.type_url.endswith("/google.rpc.BadRequest"):
            bad = p.m["google.rpc.BadRequest"]()
            detail.Unpack(bad)
            fields.update((violation.field, violation.description) for violation in bad.field_violations)
    return fields


@case
def portal_life(p):
    desk, other = p.args.desk, p.args.other_unit
    act = lambda official, unit, roles, dossier, action, body=None: rest(p.args.rest_url, "POST", f"/api/dossiers/{dossier}/{action}", body,
                                                                          official, unit, roles)
    reference = "DVC-" + uuid.uuid4().hex[:12].upper()

    # Submitting, and the retries a portal makes when an answer is lost.
    first = p.submit(reference, desk)
    expect(first.status == p.status("SUBMITTED_ONLINE") and first.status_text.startswith("Mới đăng ký"), f"submitted {first}")
    expect(len(first.lookup_secret) == 8 and first.code.startswith(desk + "-"), f"code {first.code}, secret {first.lookup_secret!r}")
    retry = p.submit(reference, desk)
    expect((retry.dossier_id, retry.code, retry.lookup_secret, retry.version) == (first.dossier_id, first.code, first.lookup_secret, 1),
           f"a retry gave another outcome: {retry}")
    reused = fails_with(grpc.StatusCode.FAILED_PRECONDITION, lambda: p.submit(reference, desk, components=("TK", "UQ")))
    expect("trùng lặp" in reused.details(), f"reused reference: {reused.details()}")
    bad_phone = fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: p.submit("DVC-" + uuid.uuid4().hex[:8], desk, phone="12345"))
    expect(list(field_violations(p, bad_phone)) == ["applicant.phone"], f"fields named: {field_violations(p, bad_phone)}")
    incomplete = fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: p.submit("DVC-" + uuid.uuid4().hex[:8], desk, components=("UQ",)))
    missing = field_violations(p, incomplete)
    expect(list(missing) == ["components"] and "Tờ khai" in missing["components"], f"incomplete: {missing}")
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: p.submit("DVC-" + uuid.uuid4().hex[:8], desk, procedure="9.999999"))
    fails_with(grpc.StatusCode.UNAUTHENTICATED, lambda: p.submit("DVC-" + uuid.uuid4().hex[:8], desk, metadata=()))
    elsewhere = p.submit("DVC-" + uuid.uuid4().hex[:12].upper(), other)

    # The officers process it; the citizen pays the fee through the portal.
    dossier = first.dossier_id
    act("desk.lan", desk, "desk_officer", dossier, "acceptance")
    act("desk.lan", desk, "desk_officer", dossier, "assignments", {"stepName": "Thẩm định hồ sơ", "assignee": "cv.hoa", "workingDays": 2})
    act("cv.hoa", desk, "specialist", dossier, "financial-obligations", {"description": "Lệ phí", "amount": 10000})
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: p.pay(first.code, receipt=""))
    paid = p.pay(first.code, receipt="VNPAY-778899")
    expect(paid.status == p.status("IN_PROCESSING") and paid.outstanding_amount == 0, f"payment {paid}")
    again = p.pay(first.code, receipt="VNPAY-778899")
    expect(again.version == paid.version, f"a retried payment was recorded twice: versions {paid.version} and {again.version}")
    fails_with(grpc.StatusCode.ABORTED, lambda: p.pay(first.code, receipt="VNPAY-1", expected_version=paid.version - 1))
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: p.pay("000.00.00.H00-000101-9999", receipt="VNPAY-2"))
    act("cv.hoa", desk, "specialist", dossier, "proposal", {"outcome": "approve", "summary": "Đủ điều kiện cấp"})
    act("ld.nam", desk, "leader", dossier, "decision", {"outcome": "approve", "reasons": "Đủ điều kiện", "documentNumber": "15/GXN"})
    act("ld.nam", desk, "leader", dossier, "result")
    act("desk.lan", desk, "desk_officer", dossier, "return", {"method": "electronic", "recipient": "Trần Văn Bình"})

    # The portal reads the status, by code and by its own reference.
    by_code = p.get(code=first.code)
    by_reference = p.get(portal_reference=reference)
    expect(by_code == by_reference, "the dossier read by code and by reference differ")
    expect(by_code.status == p.status("RETURNED") and by_code.status_text == "Đã trả kết quả", f"status {by_code.status_text}")
    expect(by_code.HasField("due_at") and by_code.due_explanation and by_code.portal_reference == reference, f"view {by_code}")
    expect([h.version for h in by_code.history] == list(range(1, by_code.version + 1)), f"history {list(by_code.history)}")
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: p.get(portal_reference="DVC-UNKNOWN"))
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: p.get())

    # The national portal mirrors every status change of the desk's dossiers, in order.
    # Paying what is owed restarts the clock: the fee paid, then the due date moved by the paused days.
    expected = ["SUBMITTED_ONLINE", "RECEIVED", "IN_PROCESSING", "AWAITING_PAYMENT", "IN_PROCESSING", "IN_PROCESSING", "AWAITING_APPROVAL",
                "DECIDED", "RESULT_READY", "RETURNED"]
    everything = p.watch(units=[desk])
    history = take(everything, len(expected))
    everything.cancel()
    seen = [(c.code, c.version, p.status_name(c.status)) for c in history]
    expect(seen == [(first.code, v + 1, s) for v, s in enumerate(expected)], f"changes {seen}")
    expect(all(c.portal_reference == reference and c.receiving_unit == desk and c.description for c in history), f"changes {history}")
    expect(not history[0].HasField("due_at") and history[1].HasField("due_at"), "the due date appears when the dossier is received")
    expect([c.type for c in history[3:6]] == ["dossiers.financial_obligation_requested.v1", "dossiers.fee_paid.v1", "dossiers.deadline_extended.v1"],
           f"changes 4 to 6: {[c.type for c in history[3:6]]}")

    # A portal disconnected after applying the fourth change resumes from its cursor: nothing lost, nothing repeated.
    resumed = p.watch(history[3].cursor, units=[desk])
    tail = take(resumed, len(expected) - 4)
    resumed.cancel()
    expect([c.cursor for c in tail] == [c.cursor for c in history[4:]], f"resumed {[(c.code, c.version) for c in tail]}")

    # Then the live ones, and only the desk's: the other unit's dossier never appears.
    live = p.watch(history[-1].cursor, units=[desk])
    arrived = queue.Queue()
    threading.Thread(target=lambda: arrived.put(take(live, 1, seconds=20)), daemon=True).start()
    later = p.submit("DVC-" + uuid.uuid4().hex[:12].upper(), desk)
    change = arrived.get(timeout=30)
    live.cancel()
    expect([(c.code, c.version, p.status_name(c.status)) for c in change] == [(later.code, 1, "SUBMITTED_ONLINE")], f"live change {change}")

    every_unit = p.watch()
    codes = {c.code for c in take(every_unit, len(expected) + 2)}
    every_unit.cancel()
    expect(codes == {first.code, elsewhere.code, later.code}, f"without a filter: {codes}")
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: take(p.watch("not-a-cursor"), 1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--rest_url", required=True)
    parser.add_argument("--api_key", required=True)
    parser.add_argument("--descriptor_set", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--desk", required=True)
    parser.add_argument("--other_unit", required=True)
    parser.add_argument("--procedure", required=True)
    args = parser.parse_args()
    CASES[args.case](Portal(args))
    print(f"{args.case}: passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
