#!/usr/bin/env python3
"""Writes a 5,000-procedure import file from samples/catalogue.json, for the catalogue import benchmark.

The file holds the sample's procedures and enough generated ones to reach the count. Each generated procedure copies a sample procedure's history under a new code (BM-00001...) and a numbered name,
so codes and names are all distinct. Fields and units are the sample's; unit assignments stay as in the sample.
Usage: benchmarks/catalogue/generate-5000.py [count] [output]   (defaults: 5000, /tmp/catalogue-5000.json)
"""
import copy
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]
count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
output = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/catalogue-5000.json")
sample = json.loads((root / "samples" / "catalogue.json").read_text(encoding="utf-8"))
# Replacements point at sample codes; generated copies keep versions only so every code they name exists.
templates = sample["procedures"]
procedures = []
for i in range(count - len(templates)):
    source = templates[i % len(templates)]
    procedure = {"code": f"BM-{i + 1:05d}", "versions": copy.deepcopy(source["versions"]), "statusChanges": []}
    for version in procedure["versions"]:
        version["content"]["name"] = f"{version['content']['name']} (bản {i // len(templates) + 1})"
    procedures.append(procedure)

sample["note"] = f"Benchmark file: {count} procedures generated from the sample catalogue. " + sample["note"]
sample["procedures"] = sample["procedures"] + procedures
output.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
print(f"{output}: {len(sample['procedures'])} procedures ({len(procedures)} generated + {len(templates)} from the sample)")
