import re

STYLES = ["fast_pushy", "slow_patient", "subtle", "romance", "mentor_coach", "gift_giver",
          "peer_posing", "off_platform_early", "standard"]
NEG_KINDS = ["family", "caregiver", "coach_teacher", "peers", "adults_dating", "gaming",
             "customer_support", "surprise_party", "other"]
TEMPOS = ["fast", "normal", "slow"]
ROLES = ["offender", "target", "peer", "family", "caregiver", "coach_teacher", "support", "adult", "other"]
CUES = ["age_probe", "age_disclosure", "age_gap", "personal_info", "parental_check", "secrecy",
        "isolation", "flattery", "off_platform", "image_request", "gifts", "meeting",
        "compliance_testing", "threats", "solicitation", "family_context"]
SUBTLE_FORBIDDEN = ["secret", "alone", "mature", "don't tell", "dont tell", "don\u2019t tell", "delete", "special"]


def sentences(text):
    """Split text into normalised sentences (lowercase, alphanumerics only)."""
    out = []
    for part in re.split(r"[.!?\n]+", text):
        norm = " ".join(re.sub(r"[^a-z0-9]+", " ", part.lower().replace("'", "").replace("\u2019", "")).split())
        if norm:
            out.append(norm)
    return out


def long_sentences(text):
    return [s for s in sentences(text) if len(s.split()) > 3]


def subtle_violation(text):
    t = text.lower()
    return [w for w in SUBTLE_FORBIDDEN if w in t]
