#!/usr/bin/python3
"""A document-management system on the C-core (Debian python3-grpcio) using gRPC DocumentExchange.

The officials' part (receive, assign, propose, upload) goes through REST with the development identity headers, as
the admin UI does; the system's part (fetch the documents, record the approval) through gRPC. Exits 0 when the case
passes. Usage:
  document_exchange_client.py --server_port N --rest_url URL --api_key KEY --descriptor_set FILE --case NAME --desk UNIT
      --procedure CODE [--result_file PDF --signature_file P7S]
"""
import argparse
import hashlib
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import grpc

from interop_support import Messages, expect, fails_with, first_where

SERVICE = "/onestop.documents.v1.DocumentExchange/"
PACKAGE = "onestop.documents.v1."
CHUNK_LIMIT = 64 * 1024
CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


class Exchange:
    def __init__(self, args):
        self.args = args
        self.m = Messages(args.descriptor_set)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{args.server_port}")
        self.metadata = (("x-api-key", args.api_key),)

    def fetch(self, dossier_code):
        method = self.channel.unary_stream(SERVICE + "FetchDossierDocuments", request_serializer=lambda message: message.SerializeToString(),
                                           response_deserializer=self.m[PACKAGE + "DocumentChunk"].FromString)
        return method(self.m[PACKAGE + "FetchRequest"](dossier_code=dossier_code), metadata=self.metadata, timeout=30)

    def approve(self, dossier_code, result_sha256, reference, signature=b"", decision="DECISION_APPROVE"):
        method = self.channel.unary_unary(SERVICE + "RecordApproval", request_serializer=lambda message: message.SerializeToString(),
                                          response_deserializer=self.m[PACKAGE + "ApprovalRecorded"].FromString)
        request = self.m[PACKAGE + "RecordApprovalRequest"](
            dossier_code=dossier_code, decision=self.m.pool.FindEnumTypeByName(PACKAGE + "Decision").values_by_name[decision].number,
            reasons="Đủ điều kiện cấp theo Luật Hộ tịch 2014", document_number="15/GXN-UBND", result_sha256=result_sha256,
            signature=signature, approval_reference=reference)
        return method(request, metadata=self.metadata, timeout=30)

    def approve_with_result(self, dossier_code, content, reference, expected_sha256="", header_first=True, chunk=CHUNK_LIMIT):
        """RecordApprovalWithResult: the approval, then the content in chunks, from a generator (client streaming)."""
        method = self.channel.stream_unary(SERVICE + "RecordApprovalWithResult", request_serializer=lambda message: message.SerializeToString(),
                                           response_deserializer=self.m[PACKAGE + "ApprovalRecorded"].FromString)
        approval = self.m[PACKAGE + "RecordApprovalRequest"](
            dossier_code=dossier_code, decision=self.m.pool.FindEnumTypeByName(PACKAGE + "Decision").values_by_name["DECISION_APPROVE"].number,
            reasons="Đủ điều kiện cấp theo Luật Hộ tịch 2014", document_number="16/GXN-UBND", result_sha256=expected_sha256,
            approval_reference=reference)
        upload = self.m[PACKAGE + "RecordApprovalUpload"]
        header = upload(approval=self.m[PACKAGE + "ApprovalWithResult"](approval=approval, file_name="giay-xac-nhan.pdf"))

        def messages():
            if header_first:
                yield header
            for start in range(0, len(content), chunk):
                yield upload(content=content[start:start + chunk])

        return method(messages(), metadata=self.metadata, timeout=30)

    def watch(self, cursor=""):
        method = self.channel.unary_stream(SERVICE + "WatchPendingApprovals", request_serializer=lambda message: message.SerializeToString(),
                                           response_deserializer=self.m[PACKAGE + "PendingApproval"].FromString)
        return method(self.m[PACKAGE + "WatchPendingApprovalsRequest"](cursor=cursor, unit_codes=[self.args.desk]), metadata=self.metadata)

    # The officials, over REST.
    def rest(self, method, path, body=None, roles="desk_officer", login="desk.lan", raw=None):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        request = urllib.request.Request(self.args.rest_url + path, method=method, data=data, headers={
            "Content-Type": "application/octet-stream" if raw is not None else "application/json",
            "X-Onestop-User": login, "X-Onestop-Unit": self.args.desk, "X-Onestop-Roles": roles})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read().decode('utf-8')}")

    def receive(self):
        return self.rest("POST", "/api/dossiers", {
            "procedureCode": self.args.procedure,
            "applicant": {"fullName": "Nguyễn Thị Lan", "identityNumber": "001190012345", "phone": "0912345678", "address": "12 Trần Phú, Hà Tĩnh"},
            "components": [{"code": "TK", "originals": 1, "copies": 0}]})

    def upload(self, content, name):
        return self.rest("POST", "/api/documents?fileName=" + urllib.parse.quote(name), raw=content, roles="specialist", login="cv.hoa")

    def awaiting_approval(self):
        dossier = self.receive()
        self.rest("POST", f"/api/dossiers/{dossier['id']}/assignments", {"stepName": "Thẩm định hồ sơ", "assignee": "cv.hoa"})
        self.rest("POST", f"/api/dossiers/{dossier['id']}/proposal", {"outcome": "approve", "summary": "Đủ điều kiện cấp"},
                  roles="specialist", login="cv.hoa")
        return dossier

    def dossier(self, dossier_id):
        return self.rest("GET", f"/api/dossiers/{dossier_id}", roles="leader", login="ld.nam")

    def document(self, document_id):
        return self.rest("GET", f"/api/documents/{document_id}", roles="leader", login="ld.nam")


def pdf(text, padding=0):
    return f"%PDF-1.7\n% {text}\n".encode("utf-8") + b"0" * padding + b"\n%%EOF\n"


@case
def fetch(x):
    dossier = x.receive()
    declaration, scan = pdf("tờ khai " + uuid.uuid4().hex, padding=300_000), pdf("văn bản ủy quyền " + uuid.uuid4().hex)
    uploaded = {}
    for content, component in ((declaration, "TK"), (scan, "UQ")):
        stored = x.upload(content, component.lower() + ".pdf")
        x.rest("POST", f"/api/documents/{stored['id']}/attachments", {"dossierId": dossier["id"], "componentCode": component})
        uploaded[stored["id"]] = content

    documents, sizes = [], []
    for chunk in x.fetch(dossier["code"]):
        if chunk.WhichOneof("part") == "metadata":
            documents.append((chunk.metadata, bytearray()))
        else:
            expect(documents, "content before any metadata")
            expect(len(chunk.content) <= CHUNK_LIMIT, f"a chunk of {len(chunk.content)} bytes")
            sizes.append(len(chunk.content))
            documents[-1][1].extend(chunk.content)
    expect(sorted(m.id for m, _ in documents) == sorted(uploaded), f"fetched {[m.id for m, _ in documents]}, uploaded {list(uploaded)}")
    for metadata, content in documents:
        expect(hashlib.sha256(content).hexdigest() == metadata.sha256 == hashlib.sha256(uploaded[metadata.id]).hexdigest(),
               f"{metadata.name}: reassembled bytes do not hash to {metadata.sha256}")
        expect(metadata.size == len(content) and metadata.media_type == "application/pdf", f"metadata {metadata}")
    expect(max(sizes) == CHUNK_LIMIT and len(sizes) > 5, f"chunks {sizes}")
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: list(x.fetch("000.00.00.H00-000101-9999")))


@case
def approval(x):
    with open(x.args.result_file, "rb") as f:
        result = f.read()
    with open(x.args.signature_file, "rb") as f:
        signature = f.read()
    dossier = x.awaiting_approval()
    document = x.upload(result, "giay-xac-nhan.pdf")
    other = x.upload(pdf("bản khác " + uuid.uuid4().hex), "ban-khac.pdf")
    # The signature is over the result, not this document: refused, and nothing written (the dossier can still be decided below).
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: x.approve(dossier["code"], other["sha256"], "QLVB-" + uuid.uuid4().hex, signature))
    expect(x.document(other["id"])["version"] == 1, "a refused signature was recorded")
    reference = "QLVB-" + uuid.uuid4().hex
    first = x.approve(dossier["code"], document["sha256"], reference, signature)
    expect(first.status_text and first.result_document_id == document["id"] and first.signature_outcome == "valid", f"recorded {first}")
    decided = x.dossier(dossier["id"])
    expect(decided["status"] == "decided" and decided["decision"]["documentNumber"] == "15/GXN-UBND", f"dossier {decided['status']} {decided['decision']}")
    expect(decided["version"] == first.dossier_version, f"versions {decided['version']} and {first.dossier_version}")
    marked = x.document(document["id"])
    expect(marked["resultOf"]["dossierId"] == dossier["id"] and marked["lastVerification"]["outcome"] == "valid", f"document {marked}")

    again = x.approve(dossier["code"], document["sha256"], reference, signature)
    expect(again == first, f"a retry answered {again}, the first {first}")
    expect(x.dossier(dossier["id"])["version"] == decided["version"], "a retry appended to the dossier")
    expect(x.document(document["id"])["version"] == marked["version"], "a retry appended to the document")
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: x.approve(dossier["code"], hashlib.sha256(b"never uploaded").hexdigest(), "QLVB-" + uuid.uuid4().hex))
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: x.approve(dossier["code"], "not-a-hash", "QLVB-" + uuid.uuid4().hex))


@case
def approval_streamed(x):
    dossier = x.awaiting_approval()
    result = pdf("giấy xác nhận gửi kèm " + uuid.uuid4().hex, padding=200_000)
    sha256 = hashlib.sha256(result).hexdigest()
    before = x.dossier(dossier["id"])["version"]

    # Refused uploads write nothing: neither the document (the unary call cannot find its bytes) nor the decision.
    wrong_hash = fails_with(grpc.StatusCode.INVALID_ARGUMENT,
                            lambda: x.approve_with_result(dossier["code"], result, "QLVB-" + uuid.uuid4().hex, expected_sha256="0" * 64))
    details = dict(wrong_hash.trailing_metadata() or ()).get("grpc-status-details-bin", b"")
    expect(sha256.encode() in details, f"the field violation does not name the hash received: {wrong_hash.details()}")
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: x.approve_with_result(dossier["code"], b"MZ\x90\x00 not a document " * 100, "QLVB-" + uuid.uuid4().hex))
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: x.approve_with_result(dossier["code"], result, "QLVB-" + uuid.uuid4().hex, header_first=False))
    expect(x.dossier(dossier["id"])["version"] == before, "a refused upload decided the dossier")
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: x.approve(dossier["code"], sha256, "QLVB-" + uuid.uuid4().hex))

    reference = "QLVB-" + uuid.uuid4().hex
    first = x.approve_with_result(dossier["code"], result, reference, expected_sha256=sha256)
    decided = x.dossier(dossier["id"])
    expect(decided["status"] == "decided" and decided["version"] == first.dossier_version, f"dossier {decided['status']} v{decided['version']}, {first}")
    document = x.document(first.result_document_id)
    expect(document["sha256"] == sha256 and document["size"] == len(result) and document["resultOf"]["dossierId"] == dossier["id"], f"document {document}")

    again = x.approve_with_result(dossier["code"], result, reference, expected_sha256=sha256, chunk=1000)
    expect(again == first, f"a retry answered {again}, the first {first}")
    expect(x.dossier(dossier["id"])["version"] == decided["version"], "a retry appended to the dossier")


@case
def not_awaiting_approval(x):
    dossier = x.receive()
    document = x.upload(pdf("kết quả sớm " + uuid.uuid4().hex), "ket-qua.pdf")
    before_dossier, before_document = x.dossier(dossier["id"]), x.document(document["id"])

    refused = fails_with(grpc.StatusCode.FAILED_PRECONDITION, lambda: x.approve(dossier["code"], document["sha256"], "QLVB-" + uuid.uuid4().hex))

    expect("phê duyệt" in refused.details(), f"refusal: {refused.details()}")
    expect(x.dossier(dossier["id"])["version"] == before_dossier["version"], "the dossier's stream was appended to")
    after = x.document(document["id"])
    expect(after["version"] == before_document["version"] and after["resultOf"] is None, f"the document's stream was appended to: {after}")


@case
def pending_approvals(x):
    earlier = x.awaiting_approval()
    replayed = first_where(x.watch(), lambda m: m.dossier_code == earlier["code"])
    expect(replayed.dossier_id == earlier["id"] and replayed.description and replayed.cursor, f"replayed {replayed}")

    live_stream = x.watch(cursor=replayed.cursor)
    later = x.awaiting_approval()
    live = first_where(live_stream, lambda m: m.dossier_code == later["code"])
    expect(live.dossier_version == x.dossier(later["id"])["version"] and live.receiving_unit == x.args.desk, f"live {live}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--rest_url", required=True)
    parser.add_argument("--api_key", required=True)
    parser.add_argument("--descriptor_set", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--desk", required=True)
    parser.add_argument("--procedure", required=True)
    parser.add_argument("--result_file")
    parser.add_argument("--signature_file")
    args = parser.parse_args()
    CASES[args.case](Exchange(args))
    print(f"{args.case}: passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
