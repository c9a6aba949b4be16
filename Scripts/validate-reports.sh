#!/usr/bin/env bash
# Validates every CI report format against its schema and reads it back with a real consumer:
#   SARIF      python jsonschema (OASIS 2.1.0 schema) and Microsoft's sarif-tools (`sarif summary`)
#   JUnit      xmllint against the strict Ant JUnit.xsd and Jenkins' junit-10.xsd, and junitparser
#   Checkstyle xmllint against checkstyle-report-1.0.0.xsd
#   GitLab     required keys, severity enum, unique fingerprints, no BOM
#   GitHub     one well-formed workflow command per finding
#   CSV        BOM, RFC 4180 parse with python csv, no formula injection
# The input is Fixtures/reports/sample.jsonl (special characters, several rules, a broken line),
# checked under its own name and under a name full of URI- and XML-special characters, next to a
# clean file. Counts are compared with the JSON report of the same run, so new rules in the pack
# do not break the script. Prints a line per check and ends with `N passed, M failed`.
#
# Usage: Scripts/validate-reports.sh   (from anywhere; SCHEMAS=dir overrides ../shared/schemas)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCHEMAS=${SCHEMAS:-$ROOT/../shared/schemas}
PYTHON=${PYTHON:-python3}

passed=0
failed=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/replylint-reports.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# check NAME COMMAND...: runs COMMAND, prints PASS/FAIL with NAME, and the output on failure.
check() {
  local name=$1; shift
  if "$@" >"$WORK/check.log" 2>&1; then
    passed=$((passed + 1)); echo "PASS  $name"
  else
    failed=$((failed + 1)); echo "FAIL  $name"; sed 's/^/      /' "$WORK/check.log" | tail -25
  fi
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit $?
}

# --- tools --------------------------------------------------------------------------------------
if ! "$PYTHON" -c 'import jsonschema, junitparser' 2>/dev/null || ! command -v sarif >/dev/null; then
  echo "installing python validators (jsonschema, sarif-tools, junitparser)"
  "$PYTHON" -m pip install --quiet jsonschema sarif-tools junitparser 2>&1 | grep -v "^WARNING: Running pip as" || true
fi
# pip puts console scripts (sarif) in the interpreter's scripts folder, which version managers'
# shims may not expose until rehashed: put it on PATH.
PATH="$PATH:$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)"
if ! command -v xmllint >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing xmllint (libxml2-utils)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null 2>&1; }
fi
check "python jsonschema is importable" "$PYTHON" -c 'import jsonschema'
check "junitparser is importable" "$PYTHON" -c 'import junitparser'
check "sarif-tools' sarif command is on PATH" command -v sarif
check "xmllint is on PATH" command -v xmllint
check "schemas found in $SCHEMAS" test -f "$SCHEMAS/sarif-schema-2.1.0.json" -a -f "$SCHEMAS/JUnit.xsd" \
  -a -f "$SCHEMAS/jenkins-junit-10.xsd" -a -f "$SCHEMAS/checkstyle-report-1.0.0.xsd"

# --- build and run ------------------------------------------------------------------------------
if ! swift build >"$WORK/build.log" 2>&1; then
  failed=$((failed + 1)); echo "FAIL  swift build"; tail -30 "$WORK/build.log"; finish
fi
passed=$((passed + 1)); echo "PASS  swift build"
BIN="$(swift build --show-bin-path)/replylint"

mkdir -p "$WORK/run/reports" "$WORK/out"
cp Fixtures/reports/sample.jsonl "$WORK/run/reports/sample.jsonl"
cp Fixtures/reports/sample.jsonl "$WORK/run/reports/样本 a&b <1>%.jsonl"
# Two replies that every rule of the pack accepts (a complete reply: time, basis, action, opinion, handler).
printf '%s\n' '{"id": "C-1", "type": "咨询", "request": "客户咨询电费构成", "handling": "2024年7月1日15时，依据《电价政策》已向客户解释电费构成，客户表示满意。处理人：王强。", "customerOpinion": "满意", "handler": "王强"}' \
  '{"id": "C-2", "type": "建议", "request": "客户建议延长营业时间", "handling": "2024年7月2日10时，依据《营业厅服务规范》已安排周六营业时间延长至18时，客户表示认可。处理人：赵敏。", "customerOpinion": "认可", "handler": "赵敏"}' > "$WORK/run/reports/clean.jsonl"

run_all() { # run_all OUTDIR LANG: every format from one pass, each to its own file
  (cd "$WORK/run" && "$BIN" check reports --now 2024-08-01T00:00:00+08:00 --lang "$2" \
    --format json --output "$1/report.json" --format sarif --output "$1/report.sarif" \
    --format junit --output "$1/report.junit.xml" --format checkstyle --output "$1/report.checkstyle.xml" \
    --format github --output "$1/report.github.txt" --format gitlab --output "$1/report.gitlab.json" \
    --format csv --output "$1/report.csv" --format text > "$1/report.text" 2>"$1/stderr.txt"
  echo $? > "$1/status")
}
run_all "$WORK/out" zh
mkdir -p "$WORK/again" "$WORK/en"
run_all "$WORK/again" zh
run_all "$WORK/en" en
O=$WORK/out

check "replylint exits 2 on input with a broken line (got $(cat "$O/status"))" test "$(cat "$O/status")" = 2
for f in report.json report.sarif report.junit.xml report.checkstyle.xml report.github.txt report.gitlab.json report.csv report.text; do
  check "one pass wrote $f" test -s "$O/$f"
done
check "the text report went to stdout alongside the files" grep -q "reports/" "$O/report.text"
check "same input, same reports (determinism)" bash -c "cd '$WORK' && for f in report.sarif report.junit.xml report.checkstyle.xml report.gitlab.json report.csv report.github.txt; do cmp out/\$f again/\$f || exit 1; done"

# --- SARIF --------------------------------------------------------------------------------------
SARIF_VALIDATE='import json,sys,jsonschema as J
s=json.load(open(sys.argv[1])); J.validators.validator_for(s)(s).validate(json.load(open(sys.argv[2]))); print("valid")'
check "SARIF (zh) is valid against sarif-schema-2.1.0.json" "$PYTHON" -c "$SARIF_VALIDATE" "$SCHEMAS/sarif-schema-2.1.0.json" "$O/report.sarif"
check "SARIF (en) is valid against sarif-schema-2.1.0.json" "$PYTHON" -c "$SARIF_VALIDATE" "$SCHEMAS/sarif-schema-2.1.0.json" "$WORK/en/report.sarif"
check "SARIF agrees with the JSON report (results, rules, fingerprints, messages, URIs)" "$PYTHON" - "$O" <<'PY'
import json, sys, urllib.parse
out = sys.argv[1]
sarif = json.load(open(f"{out}/report.sarif", encoding="utf-8"))
report = json.load(open(f"{out}/report.json", encoding="utf-8"))
diags = report["diagnostics"]
run = sarif["runs"][0]
assert sarif["version"] == "2.1.0" and "$schema" in sarif
assert run["columnKind"] == "unicodeCodePoints", run.get("columnKind")
rules = run["tool"]["driver"]["rules"]
results = run["results"]
assert len(results) == len(diags), (len(results), len(diags))
for rule in rules:
    for key in ("shortDescription", "fullDescription", "help"):
        assert rule[key]["text"], (rule["id"], key)
    assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
fingerprints = set()
for r, d in zip(results, diags):
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"] == d["rule"], (r["ruleId"], d["rule"])
    assert r["level"] == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
    assert r["message"]["text"] == d["message"], (r["message"]["text"], d["message"])
    loc = r["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    assert not any(c in uri for c in ' <>&"'), uri
    assert urllib.parse.unquote(uri) == d["file"], (uri, d["file"])
    assert loc["region"]["startLine"] == d["line"] and loc["region"]["startColumn"] == d["column"]
    fp = r["partialFingerprints"]["replylint/v1"]
    assert fp not in fingerprints, fp
    fingerprints.add(fp)
    if d["record"] is not None and d["field"]:
        assert r["locations"][0]["logicalLocations"][0]["name"].endswith("/" + d["field"])
print(len(results), "results,", len(rules), "rules")
PY
check "sarif-tools reads the SARIF and counts the same findings" "$PYTHON" - "$O" <<'PY'
import json, re, subprocess, sys
out = sys.argv[1]
summary = json.load(open(f"{out}/report.json", encoding="utf-8"))["summary"]
text = subprocess.run(["sarif", "summary", f"{out}/report.sarif"], capture_output=True, text=True, check=True).stdout
print(text)
counts = {level: int(n) for level, n in re.findall(r"^(error|warning|note): (\d+)", text, re.M)}
assert counts.get("error", 0) == summary["errors"], (counts, summary)
assert counts.get("warning", 0) == summary["warnings"], (counts, summary)
assert counts.get("note", 0) == summary["infos"], (counts, summary)
PY
check "sarif-tools converts the SARIF to CSV" bash -c "sarif csv --output '$WORK/sarif-tools.csv' '$O/report.sarif' && test -s '$WORK/sarif-tools.csv'"

# --- JUnit --------------------------------------------------------------------------------------
check "JUnit is valid against JUnit.xsd (strict, Ant)" xmllint --noout --schema "$SCHEMAS/JUnit.xsd" "$O/report.junit.xml"
check "JUnit is valid against jenkins-junit-10.xsd (Jenkins xUnit)" xmllint --noout --schema "$SCHEMAS/jenkins-junit-10.xsd" "$O/report.junit.xml"
check "junitparser reads the JUnit report with the right counts" "$PYTHON" - "$O" <<'PY'
import json, sys
from junitparser import JUnitXml, Failure, Error
out = sys.argv[1]
report = json.load(open(f"{out}/report.json", encoding="utf-8"))
xml = JUnitXml.fromfile(f"{out}/report.junit.xml")
suites = list(xml)
files = sorted({d["file"] for d in report["diagnostics"]} | {"reports/clean.jsonl"})
assert [s.name for s in suites] == files, [s.name for s in suites]
# Expected test cases: every record read, plus every broken line and file-level failure.
cases = {}
for d in report["diagnostics"]:
    key = (d["file"], d["record"])
    cases.setdefault(key, set()).add("parse" if d["rule"] == "parse-error" else d["severity"])
extra = sum(1 for (f, r), kinds in cases.items() if "parse" in kinds)
expected_tests = report["summary"]["records"] + extra
expected_errors = extra
expected_failures = sum(1 for kinds in cases.values() if "parse" not in kinds and "error" in kinds)
tests = sum(1 for s in suites for c in s)
failures = sum(1 for s in suites for c in s if any(isinstance(r, Failure) for r in c.result))
errors = sum(1 for s in suites for c in s if any(isinstance(r, Error) for r in c.result))
print(tests, "testcases,", failures, "failures,", errors, "errors")
assert (tests, failures, errors) == (expected_tests, expected_failures, expected_errors), (expected_tests, expected_failures, expected_errors)
assert sum(s.tests for s in suites) == tests and sum(s.failures for s in suites) == failures and sum(s.errors for s in suites) == errors
names = {c.name for s in suites for c in s}
assert 'S-002 "引号" <&>' in names, sorted(names)
clean = [s for s in suites if s.name == "reports/clean.jsonl"][0]
assert clean.tests == 2 and clean.failures == 0 and clean.errors == 0
PY

# --- Checkstyle ---------------------------------------------------------------------------------
check "Checkstyle is valid against checkstyle-report-1.0.0.xsd" xmllint --noout --schema "$SCHEMAS/checkstyle-report-1.0.0.xsd" "$O/report.checkstyle.xml"
check "Checkstyle keeps every finding and message" "$PYTHON" - "$O" <<'PY'
import json, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
diags = json.load(open(f"{out}/report.json", encoding="utf-8"))["diagnostics"]
root = ET.parse(f"{out}/report.checkstyle.xml").getroot()
errors = [(f.get("name"), e) for f in root.findall("file") for e in f.findall("error")]
assert len(errors) == len(diags), (len(errors), len(diags))
for (name, e), d in zip(errors, diags):
    assert name == d["file"] and e.get("message") == d["message"] and e.get("source") == "replylint." + d["rule"]
    assert e.get("severity") == d["severity"] and int(e.get("line")) == d["line"]
assert any(f.get("name") == "reports/clean.jsonl" and len(f) == 0 for f in root.findall("file"))
print(len(errors), "errors")
PY

# --- GitLab -------------------------------------------------------------------------------------
check "GitLab Code Quality has the required keys, severities and unique fingerprints" "$PYTHON" - "$O" <<'PY'
import json, sys
out = sys.argv[1]
raw = open(f"{out}/report.gitlab.json", "rb").read()
assert not raw.startswith(b"\xef\xbb\xbf"), "BOM"
issues = json.loads(raw)
diags = json.load(open(f"{out}/report.json", encoding="utf-8"))["diagnostics"]
sarif = json.load(open(f"{out}/report.sarif", encoding="utf-8"))["runs"][0]["results"]
assert isinstance(issues, list) and len(issues) == len(diags), (len(issues), len(diags))
for issue, d, r in zip(issues, diags, sarif):
    for key in ("description", "check_name", "fingerprint", "severity", "location"):
        assert issue.get(key) not in (None, ""), key
    assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert issue["location"]["path"] == d["file"] and issue["location"]["lines"]["begin"] == d["line"] >= 1
    assert issue["check_name"] == d["rule"] and issue["description"].startswith(d["message"])
    assert issue["fingerprint"] == r["partialFingerprints"]["replylint/v1"]
assert len({i["fingerprint"] for i in issues}) == len(issues), "duplicate fingerprints"
print(len(issues), "issues")
PY

# --- GitHub -------------------------------------------------------------------------------------
check "GitHub workflow commands: one escaped line per finding" "$PYTHON" - "$O" <<'PY'
import json, re, sys
out = sys.argv[1]
diags = json.load(open(f"{out}/report.json", encoding="utf-8"))["diagnostics"]
lines = open(f"{out}/report.github.txt", encoding="utf-8").read().split("\n")
assert lines[-1] == "" and len(lines) - 1 == len(diags), (len(lines) - 1, len(diags))
pattern = re.compile(r"^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+)(,endLine=\d+,endColumn=\d+)?,title=([^,:]*)::(.*)$")
def unescape(s):
    return s.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
for line, d in zip(lines, diags):
    m = pattern.match(line)
    assert m, line
    assert m.group(1) == {"error": "error", "warning": "warning", "info": "notice"}[d["severity"]]
    assert unescape(m.group(2)) == d["file"] and int(m.group(3)) == d["line"] and int(m.group(4)) == d["column"]
    assert unescape(m.group(7)) == d["message"], (m.group(7), d["message"])
print(len(diags), "annotations")
PY

# --- CSV ----------------------------------------------------------------------------------------
check "CSV has a BOM, parses as RFC 4180 and is safe from formula injection" "$PYTHON" - "$O" <<'PY'
import csv, io, json, sys
out = sys.argv[1]
raw = open(f"{out}/report.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
diags = json.load(open(f"{out}/report.json", encoding="utf-8"))["diagnostics"]
assert rows[0][:3] == ["文件", "行", "列"], rows[0]
assert len(rows) == len(diags) + 1, (len(rows), len(diags))
message = rows[0].index("信息")
for row, d in zip(rows[1:], diags):
    assert len(row) == len(rows[0])
    assert row[0] == d["file"] and row[1] == str(d["line"])
    for cell in row:
        assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), cell
    expected = d["message"]
    if expected[:1] in ("=", "+", "-", "@", "\t", "\r"):
        expected = "'" + expected
    assert row[message] == expected
ids = [row[rows[0].index("工单编号")] for row in rows[1:]]
assert "'=1+2" in ids, ids
print(len(rows) - 1, "rows")
PY

finish
