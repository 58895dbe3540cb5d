#!/usr/bin/python3
"""A provincial portal on the C-core (Debian python3-grpcio) reading StatisticsService, checked against REST's figures.

Exits 0 when the gRPC figures equal the REST ones the test passes in. Usage:
  statistics_client.py --server_port N --rest_url URL --api_key KEY --descriptor_set FILE --unit U --day yyyy-MM-dd
                       --received N --online N --week yyyy-Www --ranked UNIT,...
"""
import argparse
import sys

import grpc

from interop_support import Messages, expect, fails_with

SERVICE = "/onestop.statistics.v1.StatisticsService/"
PACKAGE = "onestop.statistics.v1."


def main():
    parser = argparse.ArgumentParser()
    for name in ("--rest_url", "--api_key", "--descriptor_set", "--unit", "--day", "--week", "--ranked"):
        parser.add_argument(name, required=True)
    for name in ("--server_port", "--received", "--online"):
        parser.add_argument(name, type=int, required=True)
    args = parser.parse_args()
    m = Messages(args.descriptor_set)
    channel = grpc.insecure_channel(f"127.0.0.1:{args.server_port}")
    key = (("x-api-key", args.api_key),)

    def call(name, request_type, response_type, metadata=key, **fields):
        method = channel.unary_unary(SERVICE + name, request_serializer=lambda message: message.SerializeToString(),
                                     response_deserializer=m[PACKAGE + response_type].FromString)
        return method(m[PACKAGE + request_type](**fields), metadata=metadata, timeout=10)

    summary = call("GetSummary", "ReportRequest", "Summary", unit_code=args.unit, **{"from": args.day}, to=args.day)
    expect(summary.received == args.received and summary.online == args.online, f"summary {summary}")
    expect(summary.HasField("online_rate") and abs(summary.online_rate - round(100 * args.online / args.received, 2)) < 1e-9,
           f"online rate {summary.online_rate}")
    expect(not summary.HasField("on_time_rate"), "an on-time rate with nothing resolved")
    expect(summary.visits_avoided == args.online and summary.citizen_value_saved_dong == args.online * 16000, f"time saved {summary}")
    expect(summary.as_of.checkpoint not in ("", "0:0"), f"as of {summary.as_of}")
    # Decision 766/QĐ-TTg estimate: nothing resolved, paid or rated yet, no component digitised; publicity never estimated.
    index = summary.service_index
    expect([g.code for g in index.groups] == ["cong-khai-minh-bach", "tien-do-ket-qua", "so-hoa-ho-so", "dich-vu-truc-tuyen", "muc-do-hai-long"],
           f"index groups {index}")
    expect([g.HasField("points") for g in index.groups] == [False, False, True, True, False], f"index points {index}")
    expect(abs(index.groups[3].points - 22 * summary.online_rate / 100) < 0.006 and index.groups[2].points == 0, f"index {index}")
    expect(index.measured_max_points == 44 and abs(index.points - index.groups[3].points) < 1e-9, f"index total {index}")
    expect(summary.HasField("component_digitisation_rate") and summary.component_digitisation_rate == 0
           and not summary.HasField("satisfaction_rate"), f"digitisation {summary}")

    # One field: the test's procedures are all civil status (TP-HT); none is of land and environment (TN-MT).
    civil = call("GetSummary", "ReportRequest", "Summary", unit_code=args.unit, **{"from": args.day}, to=args.day, field_code="TP-HT")
    expect(civil.received == args.received, f"civil status summary {civil.received}")
    land = call("GetIntakeTable", "ReportRequest", "IntakeTable", unit_code=args.unit, **{"from": args.day}, to=args.day, field_code="TN-MT")
    expect(land.totals.total == 0 and len(land.procedures) == 0, f"land table {land}")
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: call("GetSummary", "ReportRequest", "Summary", unit_code=args.unit,
                                                              **{"from": args.day}, to=args.day, field_code="KHONG-CO"))

    table = call("GetIntakeTable", "ReportRequest", "IntakeTable", unit_code=args.unit, **{"from": args.day}, to=args.day)
    expect(table.totals.total == args.received and table.totals.procedure_name == "Tổng cộng", f"totals {table.totals}")
    expect(sum(line.total for line in table.procedures) == args.received, f"procedures {list(table.procedures)}")

    ranking = call("GetWeeklyRanking", "RankingRequest", "Ranking", parent_unit_code=args.unit, week=args.week)
    expect([u.unit_code for u in ranking.units] == args.ranked.split(","), f"ranking {list(ranking.units)}")
    expect([u.rank for u in ranking.units] == list(range(1, len(ranking.units) + 1)), "ranks")

    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: call("GetSummary", "ReportRequest", "Summary", unit_code=args.unit,
                                                              **{"from": "01/03/2026"}, to=args.day))
    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: call("GetWeeklyRanking", "RankingRequest", "Ranking", parent_unit_code=args.unit, week="W10"))
    fails_with(grpc.StatusCode.UNAUTHENTICATED, lambda: call("GetSummary", "ReportRequest", "Summary", metadata=(), unit_code=args.unit,
                                                             **{"from": args.day}, to=args.day))
    print("statistics: passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
