"""Writes the fuzz seed corpus: every request of the scenario vectors, one file each.

Run from the repository root: python3 fuzz/seed-corpus.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def merge(doc, patch):
    """JSON Merge Patch (RFC 7396), as the scenario runner applies it."""
    if not isinstance(patch, dict):
        return patch
    out = dict(doc) if isinstance(doc, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge(out.get(key), value)
    return out


def main():
    target = ROOT / "fuzz" / "corpus" / "check_request"
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.json"):
        old.unlink()
    count = 0
    for path in sorted((ROOT / "tests" / "vectors").glob("*/*.json")):
        suite = json.loads(path.read_text())
        for i, case in enumerate(suite["cases"]):
            if "share" in case:
                continue
            request = case.get("request") or merge(suite.get("base", {}), case.get("patch", {}))
            name = f"{path.parent.name}-{path.stem}-{i:03}.json"
            (target / name).write_text(json.dumps(request, ensure_ascii=False))
            count += 1
    print(f"{count} seed requests in {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
