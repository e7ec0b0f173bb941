"""author-e assembler: turns hand-written text banks into contract events.

Deterministic: fixed seed, sorted iteration, no wall-clock input.
Bank syntax (see bank_*.py): a pool is a string of blocks separated by lines of '---'.
A block is lines 'X> text #cue,cue' where X is a speaker letter (A older/first adult,
B child/first teen, C third person). A line '~' is a long silence.
"""
import json, os, random, re, sys
from datetime import datetime, timedelta, timezone

SEED = 20261202
PREFIX = "ae"
CUE = {"ap": "age_probe", "ad": "age_disclosure", "ag": "age_gap", "pi": "personal_info",
       "pc": "parental_check", "se": "secrecy", "is": "isolation", "fl": "flattery",
       "op": "off_platform", "ir": "image_request", "ct": "compliance_testing", "gi": "gifts",
       "me": "meeting", "th": "threats", "so": "solicitation", "fc": "family_context"}

_LINE = re.compile(r"^([ABC])>\s?(.*?)(?:\s+#([a-z,]+))?\s*$")


def parse_pool(text):
    blocks, cur = [], []
    for raw in text.strip("\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.strip() == "---":
            if cur:
                blocks.append(cur)
            cur = []
            continue
        if line.strip() == "~":
            cur.append(("~", None, []))
            continue
        m = _LINE.match(line.strip())
        if not m:
            raise ValueError("bad bank line: %r" % line)
        who, txt, cues = m.group(1), m.group(2), m.group(3)
        cl = []
        if cues:
            for c in cues.split(","):
                if c not in CUE:
                    raise ValueError("bad cue %r in %r" % (c, line))
                cl.append(CUE[c])
        cur.append((who, txt, cl))
    if cur:
        blocks.append(cur)
    return blocks


class Banks:
    def __init__(self, pools):
        self.pools = {k: parse_pool(v) for k, v in pools.items()}
        self.used = {}  # (pool, idx) -> count of sessions

    def used_all(self, name, cap=3):
        return all(self.used.get((name, i), 0) >= cap for i in range(len(self.pools[name])))

    def pick(self, rng, name, taken, cap=99):
        blocks = self.pools[name]
        idxs = [i for i in range(len(blocks)) if (name, i) not in taken
                and self.used.get((name, i), 0) < cap]
        if not idxs:
            return None
        low = min(self.used.get((name, i), 0) for i in idxs)
        cand = [i for i in idxs if self.used.get((name, i), 0) == low]
        i = rng.choice(cand)
        self.used[(name, i)] = self.used.get((name, i), 0) + 1
        taken.add((name, i))
        return blocks[i]


# ---------------------------------------------------------------- time model
GAPS = {
    "fast": {"in": (4, 80), "beat": (60, 600), "long": (900, 2400)},
    "normal": {"in": (15, 300), "beat": (3600, 60000), "long": (86400, 4 * 86400)},
    "slow": {"in": (20, 420), "beat": (86400, 6 * 86400), "long": (8 * 86400, 24 * 86400)},
}

OFFSETS = ["-05:00", "-04:00", "-06:00", "-07:00", "-08:00", "+00:00", "+01:00", "+10:00", "-03:00"]


def fmt(dt, off):
    sign = 1 if off[0] == "+" else -1
    h, m = int(off[1:3]), int(off[4:6])
    tz = timezone(sign * timedelta(hours=h, minutes=m))
    return dt.astimezone(tz).isoformat(timespec="seconds")


def fill(text, slots):
    def rep(m):
        k = m.group(1)
        if k not in slots:
            raise KeyError("slot %s missing for %r" % (k, text))
        return slots[k]
    return re.sub(r"\{(\w+)\}", rep, text)
