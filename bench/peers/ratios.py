"""Tessera ÷ peer ratios from one side-by-side.sh results folder (standard library only).

Speed ratios throughout, so > 1 always means Tessera is faster: tokens/s Tessera / tokens/s llama.cpp for decode
(tg) and prefill (pp); seconds PyTorch / seconds Tessera for the vision encoder. Tessera's '.measured' figures
are used (the model as run, not extrapolated), which is what the peers ran too.
"""
import glob
import json
import os
import sys


def load(path):
    try:
        with open(path) as f:
            text = f.read().strip()
        if not text:
            return None
        try:
            return json.loads(text)  # tessera bench --json: one pretty-printed object
        except ValueError:
            return json.loads(text.splitlines()[-1])  # the peers: one JSON line after any log lines
    except (OSError, ValueError):
        return None


def err_tail(path):
    try:
        with open(path) as f:
            lines = [l.rstrip() for l in f if l.strip()]
        return lines[-1] if lines else "(no output)"
    except OSError:
        return "(not run)"


def tessera_figures(doc):
    return {r["name"]: r["value"] for r in (doc or {}).get("results", [])}


def main(folder):
    rows = []
    for tfile in sorted(glob.glob(os.path.join(folder, "tessera-*.json"))):
        q = os.path.basename(tfile)[len("tessera-"):-len(".json")]
        if q == "vision":
            continue
        tess = tessera_figures(load(tfile))
        peer = load(os.path.join(folder, "llama-cpp-%s.json" % q))
        if not tess:
            rows.append(("%s: tessera failed" % q, None, None, err_tail(tfile[:-5] + ".err")))
        if not peer:
            rows.append(("%s: llama.cpp failed" % q, None, None, err_tail(os.path.join(folder, "llama-cpp-%s.err" % q))))
        for r in (peer or {}).get("results", []):
            t = r["threads"]
            for kind, peer_key, tess_key in (("decode tg%d" % r["tg"], "tg_tokens_per_s", "decode_tokens_per_s"),
                                              ("prefill pp%d" % r["pp"], "pp_tokens_per_s", "prefill_tokens_per_s")):
                mine = tess.get("%s.%s.t%d.measured" % (tess_key, q, t))
                rows.append(("%s %s t%d (tokens/s)" % (kind, q, t), mine, r[peer_key], None))
    vis = tessera_figures(load(os.path.join(folder, "tessera-vision.json")))
    for tfile in sorted(glob.glob(os.path.join(folder, "torch-vision-*.json"))):
        torch = load(tfile)
        tiles = os.path.basename(tfile)[len("torch-vision-"):-len(".json")]
        if not torch:
            rows.append(("vision %s tile(s): pytorch failed" % tiles, None, None, err_tail(tfile[:-5] + ".err")))
            continue
        mine = vis.get("vision_encoder_s.%stiles.t%d.measured" % (tiles, torch["threads"]))
        label = "vision %s tile(s) t%d, %d+%d layers (s)" % (tiles, torch["threads"], *torch["layers"])
        rows.append((label, mine, torch["median_s"], "inverse"))
    print("%-44s %12s %12s %10s" % ("figure", "tessera", "peer", "ratio"))
    for label, mine, theirs, note in rows:
        if mine is None and theirs is None:
            print("%-44s %s" % (label, note))
            continue
        if mine is None or theirs is None or mine == 0 or theirs == 0:
            print("%-44s %12s %12s %10s" % (label, fmt(mine), fmt(theirs), "n/a"))
            continue
        ratio = theirs / mine if note == "inverse" else mine / theirs
        print("%-44s %12s %12s %9.2fx" % (label, fmt(mine), fmt(theirs), ratio))
    print("ratio = Tessera speed / peer speed (vision: PyTorch fp32 seconds / Tessera seconds); > 1: Tessera faster")


def fmt(v):
    return "-" if v is None else ("%.2f" % v)


if __name__ == "__main__":
    main(sys.argv[1])
