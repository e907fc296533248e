"""Parses Prometheus text exposition from stdin with the official Python client's parser and prints JSON.

prometheus_client.parser is maintained by the Prometheus project; it raises on malformed lines.
"""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

families = []
for family in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        "name": family.name,
        "type": family.type,
        "documentation": family.documentation,
        "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
    })
print(json.dumps(families))
