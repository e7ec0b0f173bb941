import json, sys, re, collections, os
from datetime import datetime
D = os.path.join(os.path.dirname(__file__), '..')
ev = [json.loads(l) for l in open(os.path.join(D, 'events.jsonl'))]
lab = [json.loads(l) for l in open(os.path.join(D, 'labels.jsonl'))]
ann = [json.loads(l) for l in open(os.path.join(D, 'annotations.jsonl'))]
CUES = {"age_probe","personal_info","parental_check","secrecy","isolation","flattery","age_gap","off_platform","image_request","gifts","meeting","compliance_testing","threats","solicitation","age_disclosure","family_context"}
err = []
ids = set(); sess = collections.defaultdict(list); senders = collections.defaultdict(set)
accts = {}
for e in ev:
    for f in ('schema', 'event_id', 'sent_at', 'session_id', 'sender', 'recipients'):
        if f not in e: err.append(('missing', f, e.get('event_id')))
    if e['schema'] != 'tipline.message/1': err.append(('schema', e['event_id']))
    if e['event_id'] in ids: err.append(('dup', e['event_id']))
    ids.add(e['event_id'])
    if not e['event_id'].startswith('ab-e') or not e['session_id'].startswith('ab-s') or not e['sender']['user_id'].startswith('ab-u'): err.append(('prefix', e['event_id']))
    if not re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$', e['sent_at']): err.append(('ts', e['sent_at']))
    t = datetime.fromisoformat(e['sent_at'])
    if t.year != 2026: err.append(('year', e['sent_at']))
    if not (1 <= len(e['recipients']) <= 1000): err.append(('recips', e['event_id']))
    if any(r['user_id'] == e['sender']['user_id'] for r in e['recipients']): err.append(('selfrecip', e['event_id']))
    if not isinstance(e['text'], str) or not e['text'].strip(): err.append(('text', e['event_id']))
    da = e['sender'].get('declared_age')
    if da is not None and not (0 <= da <= 130): err.append(('age', e['event_id']))
    sess[e['session_id']].append((t, e))
    senders[e['session_id']].add(e['sender']['user_id'])
    for r in e['recipients']: senders[e['session_id']].add(r['user_id'])
    accts[e['sender']['user_id']] = e['sender']
for sid, L in sess.items():
    ts = [t for t, _ in L]
    if ts != sorted(ts): err.append(('order', sid))
    if not (6 <= len(L) <= 80): err.append(('len', sid, len(L)))
labs = {l['session_id']: l for l in lab}
sann = {a['session_id']: a for a in ann if a['kind'] == 'session'}
pann = collections.defaultdict(dict)
for a in ann:
    if a['kind'] == 'participant': pann[a['session_id']][a['user_id']] = a
mann = {a['event_id']: a for a in ann if a['kind'] == 'message'}
for sid in sess:
    if sid not in labs: err.append(('nolabel', sid))
    if sid not in sann: err.append(('noann', sid))
    elif sann[sid]['positive'] != labs[sid]['positive']: err.append(('labmismatch', sid))
    for u in senders[sid]:
        if u not in pann[sid]: err.append(('nopart', sid, u))
for e in ev:
    if e['event_id'] not in mann: err.append(('nomsgann', e['event_id']))
    else:
        for c in mann[e['event_id']]['cues']:
            if c not in CUES: err.append(('cue', c))
if len(labs) != len(sess) or len(mann) != len(ev): err.append(('counts',))
print('ERRORS', len(err), err[:10])
# stats
pos = [s for s in sann.values() if s['positive']]
print('sessions', len(sess), 'positives', len(pos), 'negatives', len(sess) - len(pos), 'messages', len(ev))
print('styles', collections.Counter(s['style'] for s in pos))
print('kinds', collections.Counter(s['negative_kind'] for s in sann.values() if not s['positive']))
print('tempo', collections.Counter(s['tempo'] for s in sann.values()))
cc = collections.Counter(c for a in mann.values() for c in a['cues'])
print('cues', dict(cc.most_common()))
lens = sorted(len(v) for v in sess.values()); print('len min/med/max', lens[0], lens[len(lens)//2], lens[-1])
print('accounts', len(accts), 'declared', sum('declared_age' in a for a in accts.values()))
# reuse
occ = collections.defaultdict(set)
for e in ev:
    t = e['text'].strip().lower()
    if len(t) >= 20: occ[t].add(e['session_id'])
over = sorted(((len(v), k) for k, v in occ.items() if len(v) > 3), reverse=True)
print('sentences>=20ch in >3 sessions:', len(over)); print(over[:25])
