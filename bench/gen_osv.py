#!/usr/bin/env python3
"""Writes a synthetic OSV database for benchmarks, as an osv.dev-style zip.

    gen_osv.py COUNT OUT.zip [NAMES]

Shape, after the real npm data: 90% MAL-style malicious-package records
(half list 1-3 exact versions, half an "introduced": "0" range, i.e. every
version), 10% GHSA-style advisories with SEMVER ranges (introduced / fixed /
last_affected) and CVE aliases. 1% of records are withdrawn. When NAMES (a
file of "name version" lines) is given, the GHSA-style records target those
package names, so lookups of that list hit real records. Deterministic
(fixed seed), flat <ID>.json members like osv.dev's all.zip.
"""
import json
import random
import sys
import zipfile


def version(rng):
    return f"{rng.randint(0, 20)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}"


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    real = []
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as f:
            real = sorted({line.split()[0] for line in f if line.strip()})
    rng = random.Random(20260331)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(count):
            ghsa = i % 10 == 0
            if ghsa:
                rid = f"GHSA-{i:04x}-{rng.randint(0, 0xffff):04x}-bench"
                name = real[i // 10 % len(real)] if real else f"lib-{i % 5000}"
                fixed = version(rng)
                ranges = [{"type": "SEMVER", "events": [
                    {"introduced": "0"}, {"fixed": fixed}]}]
                if rng.random() < 0.3:
                    ranges.append({"type": "SEMVER", "events": [
                        {"introduced": "100.0.0"},
                        {"last_affected": "100.2.0"}]})
                affected = [{"package": {"ecosystem": "npm", "name": name},
                             "ranges": ranges}]
                record = {"id": rid, "aliases": [f"CVE-2025-{i}"],
                          "summary": f"Vulnerability {i} in {name}",
                          "severity": [{"type": "CVSS_V3", "score":
                                        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}
            else:
                rid = f"MAL-2025-{i}"
                name = f"{'@s' + str(i % 97) + '/' if i % 7 == 0 else ''}pkg-{i:06d}"
                entry = {"package": {"ecosystem": "npm", "name": name}}
                if i % 2:
                    entry["versions"] = [version(rng)
                                         for _ in range(rng.randint(1, 3))]
                else:
                    entry["ranges"] = [{"type": "SEMVER",
                                        "events": [{"introduced": "0"}]}]
                affected = [entry]
                record = {"id": rid,
                          "summary": f"Malicious code in {name} (npm)",
                          "details": "---\n_-= Per source details. =-_\n" +
                          "The package exfiltrates environment variables. " * 3,
                          "database_specific": {
                              "malicious-packages-origins": [
                                  {"source": "bench", "sha256": f"{i:064x}"}]}}
            record.update({
                "modified": "2025-06-01T00:00:00Z",
                "published": "2025-05-01T00:00:00Z",
                "schema_version": "1.5.0",
                "affected": affected,
                "references": [{"type": "WEB",
                                "url": f"https://example.org/{rid}"}],
            })
            if i % 100 == 99:
                record["withdrawn"] = "2025-06-02T00:00:00Z"
            z.writestr(f"{rid}.json", json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
